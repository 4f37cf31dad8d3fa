using System.Text;
using BenchmarkDotNet.Attributes;
using Detente.Core;
using Detente.Data;
using Detente.Verification.Inspections;
using Detente.Verification.Obligations;
using Detente.Verification.Regimes;
using Detente.Verification.Steps;

namespace Detente.Benchmarks;

/// <summary>
/// Replaying a long inspection and consultation history through the state machine, and listing obligations over it:
/// Vienna Document inspections among 40 states over 50 years (2012-2061) up to every quota (about 6,000 requests and their answers,
/// a fifth refused) and 10,000 Chapter III requests, half answered.
/// </summary>
[MemoryDiagnoser]
public class VerificationLedgerBenchmarks
{
    private RegimeCatalog _regimes = null!;
    private List<Step> _steps = null!;
    private VerificationLedger _ledger = null!;

    [GlobalSetup]
    public void Setup()
    {
        _regimes = RegimeCatalog.Load(Path.Combine(BenchData.DataDirectory(), "verification", "regimes.json"), "regimes.json");
        _steps = History();
        _ledger = VerificationLedger.Replay(_regimes, null, _steps);
        if (_ledger.Rejected.Count > 0)
        {
            throw new InvalidOperationException(_ledger.Rejected[0].Reason);
        }
    }

    /// <summary>How many steps are replayed.</summary>
    public int Steps => _steps.Count;

    private static Step Read(string kind, string author, string fields) =>
        StepReader.Read(StatementKinds.Parse(kind), new PartyId(author), Encoding.UTF8.GetBytes($$"""{{{fields}}, "sources": ["bench"], "confidence": "verified"}"""), "bench");

    private static List<Step> History()
    {
        var parties = Enumerable.Range(0, 40).Select(i => $"S{(char)('A' + i / 26)}{(char)('A' + i % 26)}").ToList();
        var list = new List<Step>();
        var n = 0;
        for (var year = 2012; year < 2062; year++)
        {
            foreach (var receiving in parties)
            {
                for (var k = 1; k <= 3; k++)
                {
                    var inspecting = parties[(parties.IndexOf(receiving) + k + year) % parties.Count];
                    if (inspecting == receiving)
                    {
                        continue;
                    }

                    var id = $"v{n++}";
                    list.Add(Read("inspection-request", inspecting, $$"""
                        "id": "{{id}}", "regime": "vienna-inspection", "receiving": "{{receiving}}", "area": "a", "at": "{{year}}-03-0{{k}}",
                        "visit_from": "{{year}}-04-0{{k}}", "team_size": 4
                        """));
                    list.Add(Read("inspection-answer", receiving, n % 5 == 0
                        ? $$""" "request": "{{id}}", "accepted": false, "reason": "r", "at": "{{year}}-03-0{{k + 1}}" """
                        : $$""" "request": "{{id}}", "accepted": true, "at": "{{year}}-03-0{{k + 1}}" """));
                }
            }
        }

        for (var i = 0; i < 10_000; i++)
        {
            var year = 2012 + i % 25;
            list.Add(Read("consultation-request", parties[i % 40], $$"""
                "id": "c{{i}}", "regime": "vienna-chapter-iii", "to": ["{{parties[(i + 1) % 40]}}"], "subject": "s", "at": "{{year}}-05-10"
                """));
            if (i % 2 == 0)
            {
                list.Add(Read("consultation-answer", parties[(i + 1) % 40], $$""" "request": "c{{i}}", "text": "t", "at": "{{year}}-05-1{{i % 4 + 1}}" """));
            }
        }

        return list;
    }

    /// <summary>Checks and applies every step.</summary>
    [Benchmark]
    public int Replay() => VerificationLedger.Replay(_regimes, null, _steps).Inspections.Count;

    /// <summary>Every party's obligations at one date.</summary>
    [Benchmark]
    public int Obligations() => ObligationList.At(_ledger, new DateOnly(2061, 12, 31), null, []).Count;
}

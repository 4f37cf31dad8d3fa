using System.CommandLine;
using System.Text;
using Detente.Cli.Records;
using Detente.Core;
using Detente.Record.Statements;
using Detente.Storage;
using Detente.Verification.Inspections;
using Detente.Verification.Regimes;
using Detente.Verification.Steps;

namespace Detente.Cli.Verification;

/// <summary>
/// What the verification verbs share: the regimes file, and the history of inspection and consultation steps — read from a
/// record's signed statements (<c>--record</c>, or <c>--db</c> for the verbs that write) or from events files (default: every
/// file in data/verification/events).
/// </summary>
internal sealed class VerificationContext
{
    private VerificationContext(Session session, RegimeCatalog regimes, VerificationLedger ledger, IReadOnlyList<EventsFile> files, string from)
    {
        Session = session;
        Regimes = regimes;
        Ledger = ledger;
        Files = files;
        From = from;
    }

    public static Option<string?> RegimesOption { get; } = new("--regimes")
    {
        Description = "The regimes file (default: the shipped data/verification/regimes.json).",
        Recursive = true,
    };

    public static Option<string[]> EventsOption { get; } = new("--events")
    {
        Description = "A verification events file to read instead of the shipped ones (repeatable); ignored with --record.",
        AllowMultipleArgumentsPerToken = false,
        Recursive = true,
    };

    public Session Session { get; }

    public RegimeCatalog Regimes { get; }

    public VerificationLedger Ledger { get; }

    /// <summary>The events files read (empty when the history came from a record).</summary>
    public IReadOnlyList<EventsFile> Files { get; }

    /// <summary>Where the history came from, for titles.</summary>
    public string From { get; }

    public static string DefaultRegimes => Path.Combine(Paths.DataDirectory(), "verification", "regimes.json");

    public static IEnumerable<string> DefaultEvents() =>
        Directory.GetFiles(Path.Combine(Paths.DataDirectory(), "verification", "events"), "*.json").Order(StringComparer.Ordinal);

    /// <summary>Located verification data errors become usage errors (exit 2) with their location.</summary>
    public static T Guard<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (InputException e)
        {
            throw new UsageException(e.Message);
        }
    }

    public static RegimeCatalog LoadRegimes(Session session, string? option) => Guard(() =>
    {
        var path = option ?? DefaultRegimes;
        return Core.InputFile.Exists(path) ? RegimeCatalog.Load(path, option ?? "data/verification/regimes.json", session.Scenario)
            : throw new UsageException($"--regimes: no such file '{path}'");
    });

    /// <summary>Opens the history: from the record given with --record, else from the events files (--events, or the shipped ones).</summary>
    public static VerificationContext Open(Session session, ParseResult parse) =>
        Open(session, parse.GetValue(RegimesOption), parse.GetValue(EventsOption) ?? [], session.Record);

    /// <summary>Opens the history from <paramref name="record"/>, or else from the given (or shipped) events files.</summary>
    public static VerificationContext Open(Session session, string? regimesPath, string[] given, string? record)
    {
        var regimes = LoadRegimes(session, regimesPath);
        if (record is not null)
        {
            var origin = RecordStores.ExistingOrigin(record)
                ?? throw new UsageException($"no record in {RecordNode.Display(record)}; create one with 'detente record import'");
            using var store = RecordStores.Open(record, origin);
            return new VerificationContext(session, regimes, VerificationLedger.Replay(regimes, session.Scenario, StepsOf(store)), [],
                $"record {RecordNode.Display(record)}");
        }

        var paths = given.Length > 0 ? given : DefaultEvents().ToArray();
        var files = Guard(() => paths.Select(p => Core.InputFile.Exists(p)
            ? EventsFile.Load(p, given.Length > 0 ? p : Path.Combine("data", "verification", "events", Path.GetFileName(p)))
            : throw new UsageException($"--events: no such file '{p}'")).ToList());
        var ledger = VerificationLedger.Replay(regimes, session.Scenario, files.SelectMany(f => f.Events.Select(e => e.Step)));
        if (ledger.Rejected.Count > 0)
        {
            // An events file is input a person wrote: a step the state machine refuses is an error in that file.
            var (step, reason) = ledger.Rejected[0];
            throw new UsageException($"{step.Where}: {step.Kind} rejected: {reason}");
        }

        return new VerificationContext(session, regimes, ledger, files, string.Join(", ", files.Select(f => f.Id)));
    }

    /// <summary>Every verification step integrated in the record, in log order.</summary>
    public static IEnumerable<Step> StepsOf(IRecordStore store)
    {
        var steps = new List<Step>();
        var size = store.Size;

        // Lateness is judged from the signing time; a demo record's steps are a reconstruction signed long after, so their stated dates stand.
        var signed = !Record.Admission.DemoKeys.IsDemoOrigin(store.Origin);
        for (long start = 0; start < size; start += 4096)
        {
            var entries = store.Entries(start, (int)Math.Min(4096, size - start));
            for (var i = 0; i < entries.Count; i++)
            {
                var parsed = SignedStatement.Parse(entries[i]);
                if (!parsed.IsAccepted)
                {
                    throw new UsageException($"record entry {start + i}: {parsed.Message}; run 'detente record verify'");
                }

                var s = parsed.Statement.Statement;
                var kind = s.Kind.WireName();
                if (StepReader.IsStepKind(kind))
                {
                    var step = Guard(() => StepReader.Read(kind, s.Author, Encoding.UTF8.GetBytes(s.Body), $"record entry {start + i}", start + i));
                    steps.Add(signed ? step with { SignedAt = s.Time } : step);
                }
            }
        }

        return steps;
    }

    /// <summary>True when any history source is hypothetical (a regime or an events file), so views can say so.</summary>
    public bool AnyHypothetical => Files.Any(f => f.Hypothetical);
}

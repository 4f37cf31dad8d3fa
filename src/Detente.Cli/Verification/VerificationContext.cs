using System.CommandLine;
using System.Text;
using Detente.Cli.Records;
using Detente.Node.Appending;
using Detente.Node.Projection;
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
    public static IEnumerable<Step> StepsOf(IRecordStore store) => RecordProjection.StepsOf(store);

    /// <summary>Loads the events files named by <c>--events</c> (located errors become usage errors).</summary>
    public static List<EventsFile> LoadEvents(IEnumerable<string> paths) => Guard(() => paths.Select(p => Core.InputFile.Exists(p)
        ? EventsFile.Load(p, p)
        : throw new UsageException($"--events: no such file '{p}'")).ToList());

    /// <summary>
    /// Checks every event of the files through the state machine on its own (before anything is written, since an import
    /// starts from an empty record) and returns the regimes to import them with.
    /// </summary>
    public static RegimeCatalog CheckEvents(Session session, IReadOnlyList<EventsFile> files)
    {
        var regimes = LoadRegimes(session, null);
        EventsImport.Check(regimes, session.Scenario, files);
        return regimes;
    }

    /// <summary>True when any history source is hypothetical (a regime or an events file), so views can say so.</summary>
    public bool AnyHypothetical => Files.Any(f => f.Hypothetical);
}

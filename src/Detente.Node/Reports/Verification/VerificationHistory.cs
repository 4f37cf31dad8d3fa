using Detente.Core;
using Detente.Node.Appending;
using Detente.Node.Projection;
using Detente.Node.Sessions;
using Detente.Storage;
using Detente.Verification.Inspections;
using Detente.Verification.Regimes;
using Detente.Verification.Steps;

namespace Detente.Node.Reports.Verification;

/// <summary>
/// What the verification views share: the regimes, and the history of inspection and consultation steps replayed through the state
/// machine — read from a record's signed statements, or from events files (default: every file in data/verification/events).
/// </summary>
public sealed class VerificationHistory
{
    private VerificationHistory(RegimeCatalog regimes, VerificationLedger ledger, IReadOnlyList<EventsFile> files, string from)
    {
        Regimes = regimes;
        Ledger = ledger;
        Files = files;
        From = from;
    }

    /// <summary>The regimes the steps were checked under.</summary>
    public RegimeCatalog Regimes { get; }

    /// <summary>The replayed history: inspection and consultation cases, and the steps the state machine rejected.</summary>
    public VerificationLedger Ledger { get; }

    /// <summary>The events files read (empty when the history came from a record).</summary>
    public IReadOnlyList<EventsFile> Files { get; }

    /// <summary>Where the history came from, for titles.</summary>
    public string From { get; }

    /// <summary>True when any history source is hypothetical (an events file), so views can say so.</summary>
    public bool AnyHypothetical => Files.Any(f => f.Hypothetical);

    /// <summary>The shipped regimes file.</summary>
    public static string DefaultRegimes => Path.Combine(Paths.DataDirectory(), "verification", "regimes.json");

    /// <summary>The shipped events files, in name order.</summary>
    public static IEnumerable<string> DefaultEvents() =>
        Directory.GetFiles(Path.Combine(Paths.DataDirectory(), "verification", "events"), "*.json").Order(StringComparer.Ordinal);

    /// <summary>Loads the regimes file at <paramref name="path"/> (null: the shipped one); a missing file is refused.</summary>
    public static RegimeCatalog LoadRegimes(Scenario scenario, string? path)
    {
        var file = path ?? DefaultRegimes;
        return InputFile.Exists(file) ? RegimeCatalog.Load(file, path ?? "data/verification/regimes.json", scenario)
            : throw new NodeException($"--regimes: no such file '{file}'");
    }

    /// <summary>
    /// Opens the history from <paramref name="record"/>, or else from the <paramref name="events"/> files (none given: the shipped ones).
    /// A step of an events file that the state machine refuses is an error in that file; a record's refused steps are kept in
    /// <see cref="VerificationLedger.Rejected"/>.
    /// </summary>
    public static VerificationHistory Open(Scenario scenario, string? regimesPath, IReadOnlyList<string> events, string? record)
    {
        ArgumentNullException.ThrowIfNull(events);
        var regimes = LoadRegimes(scenario, regimesPath);
        if (record is not null)
        {
            var origin = RecordStores.ExistingOrigin(record)
                ?? throw new NodeException($"no record in {RecordNode.Display(record)}; create one with 'detente record import'");
            using var store = RecordStores.Open(record, origin);
            return new VerificationHistory(regimes, VerificationLedger.Replay(regimes, scenario, RecordProjection.StepsOf(store)), [],
                $"record {RecordNode.Display(record)}");
        }

        var paths = events.Count > 0 ? events : DefaultEvents().ToList();
        var files = paths.Select(p => InputFile.Exists(p)
            ? EventsFile.Load(p, events.Count > 0 ? p : Path.Combine("data", "verification", "events", Path.GetFileName(p)))
            : throw new NodeException($"--events: no such file '{p}'")).ToList();
        var ledger = VerificationLedger.Replay(regimes, scenario, files.SelectMany(f => f.Events.Select(e => e.Step)));
        if (ledger.Rejected.Count > 0)
        {
            // An events file is input a person wrote: a step the state machine refuses is an error in that file.
            var (step, reason) = ledger.Rejected[0];
            throw new NodeException($"{step.Where}: {step.Kind.WireName()} rejected: {reason}");
        }

        return new VerificationHistory(regimes, ledger, files, string.Join(", ", files.Select(f => f.Id)));
    }

    /// <summary>Loads the events files at <paramref name="paths"/>; a missing one is refused.</summary>
    public static List<EventsFile> LoadEvents(IEnumerable<string> paths) => [.. paths.Select(p => InputFile.Exists(p)
        ? EventsFile.Load(p, p)
        : throw new NodeException($"--events: no such file '{p}'"))];

    /// <summary>
    /// Checks every event of the files through the state machine on its own (before anything is written, since an import starts from
    /// an empty record) and returns the shipped regimes to import them with.
    /// </summary>
    public static RegimeCatalog CheckEvents(Scenario scenario, IReadOnlyList<EventsFile> files)
    {
        var regimes = LoadRegimes(scenario, null);
        EventsImport.Check(regimes, scenario, files);
        return regimes;
    }
}

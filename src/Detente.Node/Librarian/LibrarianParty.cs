using Detente.Core;
using Detente.Data;
using Detente.Node.Appending;
using Detente.Record.Admission;
using Detente.Verification.Observations;

namespace Detente.Node.Librarian;

/// <summary>
/// The librarian: the operator's party that brings published sources into the record. It states the facts no party authored
/// (sources, parties, the catalogue, sites) and passes on what sources report; it asserts only <i>reported</i> facts, never a party's
/// declaration, notification or step, and never an observation in a party's name (the body rule <c>librarian-reports-only</c>,
/// checked by the store for every statement it signs). Rows it records read back as reported observations.
/// </summary>
public static class LibrarianParty
{
    /// <summary>The librarian's party id.</summary>
    public static PartyId Party => StatementBodies.Librarian;

    /// <summary>Who states a scenario fact: its natural author (observer, notifier, a declared deployment's owner), else the librarian.</summary>
    public static PartyId AuthorOf(ScenarioFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return fact.Author is null ? Party : new PartyId(fact.Author);
    }

    /// <summary>How a recorded observation reads: as the librarian passed it on, reported (whatever the row says); else as stated.</summary>
    public static Observation AsRecordedBy(PartyId author, Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return author == Party ? observation with { Provenance = Provenance.Reported } : observation;
    }

    /// <summary>
    /// Records the rows of a published observation file as observation batches signed by the librarian (its keyring key, or its demo
    /// key in a demo record), through the appender, all or nothing.
    /// </summary>
    public static ObservationBatches.Imported ImportReports(RecordNode node, ObservationRows rows, int batchSize, DateTimeOffset now) =>
        ObservationBatches.Import(node, rows, Party, batchSize, now);
}

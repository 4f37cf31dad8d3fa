namespace Detente.Record.Admission;

/// <summary>One rule a statement must satisfy before anything of it is written: a stable name (shown in every rejection) and what it requires.</summary>
/// <param name="Name">The rule's name, e.g. <c>own-declaration</c>.</param>
/// <param name="Requirement">What the rule requires, in one sentence.</param>
public sealed record BodyRule(string Name, string Requirement)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>
/// The body rules of the trust model (DESIGN.md, "Trust model"): what a statement may assert given its author and the record so far.
/// Every writer reaches them through the store's append; integration checks them again from the stored bytes.
/// </summary>
public static class BodyRules
{
    /// <summary>The body has the members its kind requires, each of the right type and vocabulary, and no others.</summary>
    public static readonly BodyRule WellFormed = new("well-formed",
        "the body has the members its kind requires, each of the right type and vocabulary, and no others");

    /// <summary>A party declares, notifies and states steps only for itself.</summary>
    public static readonly BodyRule OwnDeclaration = new("own-declaration",
        "a party declares, notifies and acts only for itself: the owner of a declared deployment, the notifier, a participant of an "
        + "activity, the member or alliance of a membership, the host of a site, the party answering, visiting or reporting is the author");

    /// <summary>An observation is in its author's own name, and so is every row of an observation batch.</summary>
    public static readonly BodyRule OwnObservation = new("own-observation",
        "an observation, and every row of an observation batch, names its author as the observer");

    /// <summary>The librarian (the operator's import of published sources) states only reported facts.</summary>
    public static readonly BodyRule LibrarianReportsOnly = new("librarian-reports-only",
        "the librarian states only reported facts: never a declared deployment, a notification, a step or a position");

    /// <summary>A fact or step id is stated once in the whole record.</summary>
    public static readonly BodyRule UniqueId = new("unique-id", "a fact or step id is stated once in the whole record");

    /// <summary>Every reference resolves to something stated before, of the right kind.</summary>
    public static readonly BodyRule ReferenceResolves = new("reference-resolves",
        "every party, source, site, system, activity, deployment and step the body names was stated before, with the right kind");

    /// <summary>Numbers are finite and, where they count things, whole and within bounds.</summary>
    public static readonly BodyRule WholeCount = new("whole-count",
        $"numbers are finite, and counts are whole numbers from 0 to {AdmissionLimits.MaxCount:N0}");

    /// <summary>An observation batch names rows stored with it or before it.</summary>
    public static readonly BodyRule BatchRowsStored = new("batch-rows-stored",
        "an observation batch names rows already stored (or stored in the same transaction), with the same digest and row count");

    /// <summary>A step's stated date is not later than its signing time.</summary>
    public static readonly BodyRule StepNotAfterSigning = new("step-not-after-signing",
        "a step's stated date is not later than the time it is signed");

    /// <summary>A step's stated date is not earlier than the step it answers.</summary>
    public static readonly BodyRule StepNotBeforeAnswered = new("step-not-before-answered",
        "a step's stated date is not earlier than the step it answers");

    /// <summary>Demo keys (derivable by anyone from their name) only in a demo record.</summary>
    public static readonly BodyRule DemoKeyRefused = new("demo-key-refused",
        "a key derivable from its name (a demo key) is enrolled or introduced only in a record created as a demo");

    /// <summary>Every rule, in the order they are checked.</summary>
    public static IReadOnlyList<BodyRule> All { get; } =
    [
        WellFormed, WholeCount, OwnDeclaration, OwnObservation, LibrarianReportsOnly, StepNotAfterSigning, UniqueId, ReferenceResolves,
        StepNotBeforeAnswered, BatchRowsStored, DemoKeyRefused,
    ];
}

/// <summary>Bounds the body rules apply.</summary>
public static class AdmissionLimits
{
    /// <summary>The largest count accepted (troops, launchers, quantities): the data format's own limit, <see cref="Core.Counts.Max"/>.</summary>
    public const double MaxCount = Core.Counts.Max;

    /// <summary>The largest measure that is not a count (a range in km), as the data format reads it.</summary>
    public const double MaxMeasure = 400_000;
}

namespace Detente.Record.Admission;

/// <summary>
/// The words of the scenario format that bodies use, as the body rules check them. They mirror the data format's vocabulary
/// (<c>Detente.Data.Vocabulary</c>, which Record may not reference); a test fails when the two differ.
/// </summary>
public static class Vocabulary
{
    /// <summary>Confidence words.</summary>
    public static readonly IReadOnlyList<string> Confidence = ["verified", "recalled", "uncertain", "disputed"];

    /// <summary>Source kinds.</summary>
    public static readonly IReadOnlyList<string> SourceKind = ["official", "press", "analysis", "dataset", "reference-work", "synthetic"];

    /// <summary>Party kinds.</summary>
    public static readonly IReadOnlyList<string> PartyKind = ["state", "alliance", "organisation", "de-facto-authority", "monitor"];

    /// <summary>Site kinds.</summary>
    public static readonly IReadOnlyList<string> SiteKind =
        ["air-base", "army-base", "naval-base", "missile-defence", "missile-base", "nuclear-storage", "training-ground", "radar", "headquarters", "town", "other"];

    /// <summary>System categories.</summary>
    public static readonly IReadOnlyList<string> SystemCategory =
        ["missile", "launcher", "interceptor", "aircraft", "warship", "nuclear-weapon", "ground-forces", "radar", "other"];

    /// <summary>Launch modes.</summary>
    public static readonly IReadOnlyList<string> LaunchMode = ["ground", "sea", "air", "none"];

    /// <summary>Guidance.</summary>
    public static readonly IReadOnlyList<string> Guidance = ["ballistic", "cruise", "hypersonic-glide", "interceptor", "none"];

    /// <summary>Roles.</summary>
    public static readonly IReadOnlyList<string> Role = ["offensive", "defensive", "dual"];

    /// <summary>Nuclear capability.</summary>
    public static readonly IReadOnlyList<string> Nuclear = ["none", "dual-capable", "nuclear-only"];

    /// <summary>Force units (all count things).</summary>
    public static readonly IReadOnlyList<string> Unit = ["troops", "launchers", "missiles", "warheads", "aircraft", "ships", "battlegroups", "items"];

    /// <summary>Permanence.</summary>
    public static readonly IReadOnlyList<string> Permanence = ["permanent", "rotational", "temporary"];

    /// <summary>Mission.</summary>
    public static readonly IReadOnlyList<string> Mission = ["combat", "other"];

    /// <summary>Provenance.</summary>
    public static readonly IReadOnlyList<string> Provenance = ["declared", "reported", "observed", "inspected"];

    /// <summary>Activity kinds.</summary>
    public static readonly IReadOnlyList<string> ActivityKind = ["exercise", "deployment-exercise", "snap-inspection", "other"];

    /// <summary>Consent stances.</summary>
    public static readonly IReadOnlyList<string> ConsentStance = ["given", "withdrawn", "refused"];

    /// <summary>Notification kinds.</summary>
    public static readonly IReadOnlyList<string> NotificationKind = ["vienna-prior-notification", "vienna-annual-calendar", "voluntary", "other"];
}

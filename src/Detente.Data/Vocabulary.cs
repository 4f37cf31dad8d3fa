using System.Collections.Frozen;
using Detente.Core;

namespace Detente.Data;

/// <summary>The words of the data format for each enumeration, in both directions.</summary>
public static class Vocabulary
{
    /// <summary>Confidence words.</summary>
    public static readonly WordMap<Confidence> Confidence = Map(
        ("verified", Core.Confidence.Verified), ("recalled", Core.Confidence.Recalled),
        ("uncertain", Core.Confidence.Uncertain), ("disputed", Core.Confidence.Disputed));

    /// <summary>Source kinds.</summary>
    public static readonly WordMap<SourceKind> SourceKind = Map(
        ("official", Core.SourceKind.Official), ("press", Core.SourceKind.Press), ("analysis", Core.SourceKind.Analysis),
        ("dataset", Core.SourceKind.Dataset), ("reference-work", Core.SourceKind.ReferenceWork), ("synthetic", Core.SourceKind.Synthetic));

    /// <summary>Party kinds.</summary>
    public static readonly WordMap<PartyKind> PartyKind = Map(
        ("state", Core.PartyKind.State), ("alliance", Core.PartyKind.Alliance), ("organisation", Core.PartyKind.Organisation),
        ("de-facto-authority", Core.PartyKind.DeFactoAuthority), ("monitor", Core.PartyKind.Monitor));

    /// <summary>Site kinds.</summary>
    public static readonly WordMap<SiteKind> SiteKind = Map(
        ("air-base", Core.SiteKind.AirBase), ("army-base", Core.SiteKind.ArmyBase), ("naval-base", Core.SiteKind.NavalBase),
        ("missile-defence", Core.SiteKind.MissileDefence), ("missile-base", Core.SiteKind.MissileBase),
        ("nuclear-storage", Core.SiteKind.NuclearStorage), ("training-ground", Core.SiteKind.TrainingGround),
        ("radar", Core.SiteKind.Radar), ("headquarters", Core.SiteKind.Headquarters), ("town", Core.SiteKind.Town),
        ("other", Core.SiteKind.Other));

    /// <summary>System categories.</summary>
    public static readonly WordMap<SystemCategory> SystemCategory = Map(
        ("missile", Core.SystemCategory.Missile), ("launcher", Core.SystemCategory.Launcher),
        ("interceptor", Core.SystemCategory.Interceptor), ("aircraft", Core.SystemCategory.Aircraft),
        ("warship", Core.SystemCategory.Warship), ("nuclear-weapon", Core.SystemCategory.NuclearWeapon),
        ("ground-forces", Core.SystemCategory.GroundForces), ("radar", Core.SystemCategory.Radar), ("other", Core.SystemCategory.Other));

    /// <summary>Launch modes.</summary>
    public static readonly WordMap<LaunchMode> LaunchMode = Map(
        ("ground", Core.LaunchMode.Ground), ("sea", Core.LaunchMode.Sea), ("air", Core.LaunchMode.Air), ("none", Core.LaunchMode.None));

    /// <summary>Guidance kinds.</summary>
    public static readonly WordMap<Guidance> Guidance = Map(
        ("ballistic", Core.Guidance.Ballistic), ("cruise", Core.Guidance.Cruise), ("hypersonic-glide", Core.Guidance.HypersonicGlide),
        ("interceptor", Core.Guidance.Interceptor), ("none", Core.Guidance.None));

    /// <summary>Roles.</summary>
    public static readonly WordMap<SystemRole> Role = Map(
        ("offensive", SystemRole.Offensive), ("defensive", SystemRole.Defensive), ("dual", SystemRole.Dual));

    /// <summary>Nuclear capability.</summary>
    public static readonly WordMap<NuclearCapability> Nuclear = Map(
        ("none", NuclearCapability.None), ("dual-capable", NuclearCapability.DualCapable), ("nuclear-only", NuclearCapability.NuclearOnly));

    /// <summary>Units of force.</summary>
    public static readonly WordMap<ForceUnit> Unit = Map(
        ("troops", ForceUnit.Troops), ("launchers", ForceUnit.Launchers), ("missiles", ForceUnit.Missiles),
        ("warheads", ForceUnit.Warheads), ("aircraft", ForceUnit.Aircraft), ("ships", ForceUnit.Ships),
        ("battlegroups", ForceUnit.Battlegroups), ("items", ForceUnit.Items));

    /// <summary>Permanence.</summary>
    public static readonly WordMap<Permanence> Permanence = Map(
        ("permanent", Core.Permanence.Permanent), ("rotational", Core.Permanence.Rotational), ("temporary", Core.Permanence.Temporary));

    /// <summary>Missions.</summary>
    public static readonly WordMap<Mission> Mission = Map(("combat", Core.Mission.Combat), ("other", Core.Mission.Other));

    /// <summary>Provenance.</summary>
    public static readonly WordMap<Provenance> Provenance = Map(
        ("declared", Core.Provenance.Declared), ("reported", Core.Provenance.Reported),
        ("observed", Core.Provenance.Observed), ("inspected", Core.Provenance.Inspected));

    /// <summary>Stances of a consent claim.</summary>
    public static readonly WordMap<ConsentStance> ConsentStance = Map(
        ("given", Core.ConsentStance.Given), ("withdrawn", Core.ConsentStance.Withdrawn), ("refused", Core.ConsentStance.Refused));

    /// <summary>Activity kinds.</summary>
    public static readonly WordMap<ActivityKind> ActivityKind = Map(
        ("exercise", Core.ActivityKind.Exercise), ("deployment-exercise", Core.ActivityKind.DeploymentExercise),
        ("snap-inspection", Core.ActivityKind.SnapInspection), ("other", Core.ActivityKind.Other));

    /// <summary>Notification kinds.</summary>
    public static readonly WordMap<NotificationKind> NotificationKind = Map(
        ("vienna-prior-notification", Core.NotificationKind.ViennaPriorNotification),
        ("vienna-annual-calendar", Core.NotificationKind.ViennaAnnualCalendar),
        ("voluntary", Core.NotificationKind.Voluntary), ("other", Core.NotificationKind.Other));

    /// <summary>The data-format word for an enumeration value.</summary>
    public static string WordFor<T>(T value)
        where T : struct, Enum => Words<T>.ByValue[value];

    private static WordMap<T> Map<T>(params (string Word, T Value)[] pairs)
        where T : struct, Enum
    {
        Words<T>.ByValue = pairs.ToFrozenDictionary(p => p.Value, p => p.Word);
        return new WordMap<T>(pairs);
    }

    private static class Words<T>
        where T : struct, Enum
    {
        public static FrozenDictionary<T, string> ByValue = FrozenDictionary<T, string>.Empty;
    }
}

/// <summary>The words of one enumeration in the data format, looked up from text or straight from UTF-8 bytes.</summary>
/// <typeparam name="T">The enumeration.</typeparam>
public sealed class WordMap<T>
    where T : struct, Enum
{
    private readonly (byte[] Utf8, T Value)[] _utf8;
    private readonly FrozenDictionary<string, T> _byWord;

    internal WordMap((string Word, T Value)[] pairs)
    {
        _utf8 = [.. pairs.Select(p => (System.Text.Encoding.UTF8.GetBytes(p.Word), p.Value))];
        _byWord = pairs.ToFrozenDictionary(p => p.Word, p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>The words, in the order of the format's documentation.</summary>
    public IEnumerable<string> Keys => _utf8.Select(p => System.Text.Encoding.UTF8.GetString(p.Utf8));

    /// <summary>Looks a word up by its text.</summary>
    public bool TryGetValue(string word, out T value) => _byWord.TryGetValue(word, out value);

    /// <summary>Looks a word up by its UTF-8 bytes, without allocating.</summary>
    public bool TryGet(ReadOnlySpan<byte> word, out T value)
    {
        foreach (var (bytes, v) in _utf8)
        {
            if (word.SequenceEqual(bytes))
            {
                value = v;
                return true;
            }
        }

        value = default;
        return false;
    }
}

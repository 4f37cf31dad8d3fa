using Detente.Core;
using Detente.Rules.Ast;

namespace Detente.Rules.Checking;

/// <summary>The fields each kind of fact offers to rules, and the words each word family admits.</summary>
internal static class Schema
{
    public static readonly Dictionary<string, string[]> Words = new(StringComparer.Ordinal)
    {
        ["unit"] = Names<ForceUnit>(),
        ["permanence"] = Names<Permanence>(),
        ["mission"] = Names<Mission>(),
        ["provenance"] = Names<Provenance>(),
        ["activity-kind"] = Names<ActivityKind>(),
        ["notification-kind"] = Names<NotificationKind>(),
        ["category"] = Names<SystemCategory>(),
        ["launch"] = Names<LaunchMode>(),
        ["role"] = Names<SystemRole>(),
        ["nuclear"] = Names<NuclearCapability>(),
        ["site-kind"] = Names<SiteKind>(),
    };

    private static readonly Dictionary<FactKind, Dictionary<string, RuleType>> Facts = new()
    {
        [FactKind.Deployment] = new()
        {
            ["id"] = RuleType.Text, ["owner"] = RuleType.Party, ["host"] = RuleType.Party, ["site"] = RuleType.Site,
            ["system"] = RuleType.System, ["quantity"] = RuleType.Quantity, ["unit"] = RuleType.Word("unit"),
            ["permanence"] = RuleType.Word("permanence"), ["mission"] = RuleType.Word("mission"), ["from"] = RuleType.Date,
            ["to"] = RuleType.Date, ["provenance"] = RuleType.Word("provenance"), ["active"] = RuleType.Truth, ["foreign"] = RuleType.Truth,
        },
        [FactKind.Activity] = new()
        {
            ["id"] = RuleType.Text, ["name"] = RuleType.Text, ["kind"] = RuleType.Word("activity-kind"),
            ["participants"] = RuleType.Parties, ["hosts"] = RuleType.Parties, ["start"] = RuleType.Date, ["end"] = RuleType.Date,
            ["troops"] = RuleType.Quantity, ["active"] = RuleType.Truth,
        },
        [FactKind.Membership] = new()
        {
            ["id"] = RuleType.Text, ["alliance"] = RuleType.Party, ["member"] = RuleType.Party, ["from"] = RuleType.Date,
            ["to"] = RuleType.Date,
        },
        [FactKind.Notification] = new()
        {
            ["id"] = RuleType.Text, ["notifier"] = RuleType.Party, ["kind"] = RuleType.Word("notification-kind"),
            ["activity"] = RuleType.Text, ["given"] = RuleType.Date, ["troops"] = RuleType.Quantity,
        },
        [FactKind.Observation] = new()
        {
            ["id"] = RuleType.Text, ["observer"] = RuleType.Party, ["subject"] = RuleType.Party, ["hosts"] = RuleType.Parties,
            ["from"] = RuleType.Date, ["to"] = RuleType.Date, ["what"] = RuleType.Text, ["quantity"] = RuleType.Quantity,
            ["provenance"] = RuleType.Word("provenance"),
        },
    };

    private static readonly Dictionary<TypeKind, Dictionary<string, RuleType>> Others = new()
    {
        [TypeKind.System] = new()
        {
            ["id"] = RuleType.Text, ["category"] = RuleType.Word("category"), ["launch"] = RuleType.Word("launch"),
            ["role"] = RuleType.Word("role"), ["nuclear"] = RuleType.Word("nuclear"), ["range"] = RuleType.Quantity,
        },
        [TypeKind.Site] = new() { ["id"] = RuleType.Text, ["kind"] = RuleType.Word("site-kind"), ["host"] = RuleType.Party },
        [TypeKind.Date] = new() { ["year"] = RuleType.Number },
    };

    public static IReadOnlyDictionary<string, RuleType>? FieldsOf(RuleType type) =>
        type.Kind == TypeKind.Fact ? Facts[Enum.Parse<FactKind>(type.Detail!, ignoreCase: true)]
        : Others.TryGetValue(type.Kind, out var fields) ? fields : null;

    /// <summary>
    /// The rule-language spelling of an enum value: <c>NuclearWeapon</c> becomes <c>nuclear-weapon</c>. Spelled once per value:
    /// clauses read such fields for every fact they range over.
    /// </summary>
    public static string WordOf<T>(T value)
        where T : struct, Enum => Spellings<T>.Of.TryGetValue(value, out var word) ? word : Kebab(value.ToString());

    private static class Spellings<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Of = Enum.GetValues<T>().Distinct().ToDictionary(v => v, v => Kebab(v.ToString()));
    }

    internal static string Kebab(string name)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && sb.Length > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    private static string[] Names<T>()
        where T : struct, Enum => Enum.GetNames<T>().Select(Kebab).ToArray();
}

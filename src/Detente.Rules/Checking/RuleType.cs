using Detente.Core;

namespace Detente.Rules.Checking;

/// <summary>The types of the rule language. Every expression has exactly one, known before evaluation.</summary>
internal enum TypeKind
{
    Truth,
    Number,
    Quantity,
    Days,
    Km,
    Date,
    Party,
    Parties,
    Word,
    Text,
    Zone,
    Fact,
    System,
    Site,
}

/// <summary>A type; words carry their family (e.g. <c>unit</c>) and facts their kind.</summary>
internal sealed record RuleType(TypeKind Kind, string? Detail = null)
{
    public static readonly RuleType Truth = new(TypeKind.Truth);
    public static readonly RuleType Number = new(TypeKind.Number);
    public static readonly RuleType Quantity = new(TypeKind.Quantity);
    public static readonly RuleType Days = new(TypeKind.Days);
    public static readonly RuleType Km = new(TypeKind.Km);
    public static readonly RuleType Date = new(TypeKind.Date);
    public static readonly RuleType Party = new(TypeKind.Party);
    public static readonly RuleType Parties = new(TypeKind.Parties);
    public static readonly RuleType Text = new(TypeKind.Text);
    public static readonly RuleType Zone = new(TypeKind.Zone);
    public static readonly RuleType System = new(TypeKind.System);
    public static readonly RuleType Site = new(TypeKind.Site);

    public static RuleType Word(string family) => new(TypeKind.Word, family);

    public static RuleType Fact(FactKind kind) => new(TypeKind.Fact, kind.ToString().ToLowerInvariant());

    public override string ToString() => Kind switch
    {
        TypeKind.Word or TypeKind.Fact => $"{Article(Detail!)} {Detail}",
        TypeKind.Truth => "a condition",
        TypeKind.Number => "a number",
        TypeKind.Quantity => "a quantity",
        TypeKind.Days => "a duration in days",
        TypeKind.Km => "a distance in km",
        TypeKind.Date => "a date",
        TypeKind.Party => "a party",
        TypeKind.Parties => "a set of parties",
        TypeKind.Text => "a text",
        TypeKind.Zone => "a zone",
        TypeKind.System => "a system",
        TypeKind.Site => "a site",
        _ => Kind.ToString(),
    };

    // "an activity", "an observation", but "a unit": the families and kinds of the language begin with these sounds.
    private static string Article(string word) => word.Length > 0 && "aeio".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";
}

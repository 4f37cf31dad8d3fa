using System.Globalization;
using System.Text.Json;
using Detente.Core;
using Detente.Record.Statements;

namespace Detente.Record.Admission;

/// <summary>A body member failed a rule; caught by <see cref="StatementBodies.Read"/> and returned as a <see cref="RuleBreach"/>.</summary>
internal sealed class BodyRuleException(BodyRule rule, string message) : Exception(message)
{
    public BodyRule Rule { get; } = rule;
}

/// <summary>One JSON object of a body, read member by member with the member's path for messages; unknown members are refused.</summary>
internal readonly struct BodyReader
{
    private readonly JsonElement _element;
    private readonly string _path;
    private readonly List<Reference> _references;

    public BodyReader(JsonElement element, string path, List<Reference> references, params string[] known)
    {
        _element = element;
        _path = path;
        _references = references;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Fail(path.Length == 0 ? "the body" : path.TrimEnd('.'), $"expected an object, found {Describe(element)}");
        }

        foreach (var member in element.EnumerateObject())
        {
            // Evidence may carry an Admiralty credibility grade wherever it has a confidence.
            if (Array.IndexOf(known, member.Name) < 0 && !(member.Name == "credibility" && Array.IndexOf(known, "confidence") >= 0))
            {
                throw Fail(path + member.Name, $"unknown member; expected one of {string.Join(", ", known)}");
            }
        }
    }

    public List<Reference> References => _references;

    public bool Has(string name) => _element.TryGetProperty(name, out _);

    public JsonElement? Find(string name) => _element.TryGetProperty(name, out var v) ? v : null;

    public JsonElement Required(string name) =>
        _element.TryGetProperty(name, out var v) ? v : throw Fail(_path + name, "missing; it is required");

    public string Field(string name) => _path + name;

    public string? String(string name, bool required = false)
    {
        var v = required ? Required(name) : Find(name);
        if (v is null)
        {
            return null;
        }

        return v.Value.ValueKind == JsonValueKind.String ? v.Value.GetString()! : throw Fail(_path + name, $"expected a string, found {Describe(v.Value)}");
    }

    public string? Slug(string name, bool required = false)
    {
        var text = String(name, required);
        return text is null || Core.Slug.IsValid(text)
            ? text
            : throw Fail(_path + name, $"'{Clip(text)}' is not an id: expected lower-case a-z, 0-9, '-', '.' or '_'");
    }

    public string? Word(string name, IReadOnlyList<string> words, bool required = false)
    {
        var text = String(name, required);
        return text is null || words.Contains(text)
            ? text
            : throw Fail(_path + name, $"'{Clip(text)}' is not one of {string.Join(", ", words)}");
    }

    public bool? Bool(string name, bool required = false)
    {
        var v = required ? Required(name) : Find(name);
        return v is null ? null
            : v.Value.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.Value.GetBoolean()
            : throw Fail(_path + name, $"expected true or false, found {Describe(v.Value)}");
    }

    public DateOnly? Date(string name, bool required = false)
    {
        var text = String(name, required);
        if (text is null)
        {
            return null;
        }

        return text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw Fail(_path + name, $"expected a date like \"2022-01-12\", found \"{Clip(text)}\"");
    }

    /// <summary>A step time: a date, or a UTC time like 2022-01-12T09:00:00Z (or without seconds).</summary>
    public string? Moment(string name, bool required = false)
    {
        var text = String(name, required);
        return text is null || StepTime.TryParse(text, out _)
            ? text
            : throw Fail(_path + name, $"expected a date like \"2022-01-12\" or a UTC time like \"2022-01-12T09:00:00Z\", found \"{Clip(text)}\"");
    }

    public double? Number(string name, bool required = false, double min = double.MinValue, double max = double.MaxValue)
    {
        var v = required ? Required(name) : Find(name);
        if (v is null)
        {
            return null;
        }

        if (v.Value.ValueKind != JsonValueKind.Number || !v.Value.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            throw Fail(_path + name, $"expected a number, found {Describe(v.Value)}");
        }

        return d >= min && d <= max
            ? d
            : throw new BodyRuleException(BodyRules.WholeCount, $"{_path + name}: {Format(d)} is out of range; expected {Format(min)} to {Format(max)}");
    }

    /// <summary>A count: a whole number from <paramref name="min"/> to <paramref name="max"/> (default 0 to <see cref="AdmissionLimits.MaxCount"/>).</summary>
    public long? Count(string name, bool required = false, double min = 0, double max = AdmissionLimits.MaxCount)
    {
        var v = required ? Required(name) : Find(name);
        return v is null ? null : CountOf(v.Value, _path + name, min, max);
    }

    public static long CountOf(JsonElement v, string field, double min = 0, double max = AdmissionLimits.MaxCount)
    {
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            throw Fail(field, $"expected a whole number, found {Describe(v)}");
        }

        return d == Math.Floor(d) && d >= min && d <= max
            ? (long)d
            : throw new BodyRuleException(BodyRules.WholeCount, $"{field}: {Format(d)} is not a whole number from {Format(min)} to {Format(max)}");
    }

    /// <summary>A party code; with <paramref name="resolve"/> it must name a stated party.</summary>
    public PartyId? Party(string name, bool required = false, bool resolve = true, Func<StatedFact, RuleBreach?>? check = null)
    {
        var v = required ? Required(name) : Find(name);
        return v is null ? null : PartyOf(v.Value, _path + name, resolve, check);
    }

    public PartyId PartyOf(JsonElement v, string field, bool resolve = true, Func<StatedFact, RuleBreach?>? check = null)
    {
        if (v.ValueKind != JsonValueKind.String || !PartyId.IsValidCode(v.GetString()))
        {
            throw Fail(field, $"expected a party code like \"POL\" or \"NATO\", found {Describe(v)}");
        }

        var party = new PartyId(v.GetString()!);
        if (resolve)
        {
            _references.Add(new Reference(party.Code, field, [StatementKind.Party], check));
        }

        return party;
    }

    public List<PartyId> Parties(string name, bool required = false, bool nonEmpty = true, bool resolve = true)
    {
        var v = required ? Required(name) : Find(name);
        var list = new List<PartyId>();
        if (v is null)
        {
            return list;
        }

        if (v.Value.ValueKind != JsonValueKind.Array || (nonEmpty && v.Value.GetArrayLength() == 0))
        {
            throw Fail(_path + name, $"expected {(nonEmpty ? "a non-empty" : "an")} array of party codes, found {Describe(v.Value)}");
        }

        var i = 0;
        foreach (var item in v.Value.EnumerateArray())
        {
            var party = PartyOf(item, $"{_path}{name}[{i++}]", resolve);
            if (list.Contains(party))
            {
                throw Fail($"{_path}{name}[{i - 1}]", $"'{party}' is listed twice");
            }

            list.Add(party);
        }

        return list;
    }

    public List<string> Strings(string name, bool required = false, bool nonEmpty = true)
    {
        var v = required ? Required(name) : Find(name);
        var list = new List<string>();
        if (v is null)
        {
            return list;
        }

        if (v.Value.ValueKind != JsonValueKind.Array || (nonEmpty && v.Value.GetArrayLength() == 0))
        {
            throw Fail(_path + name, $"expected {(nonEmpty ? "a non-empty" : "an")} array of strings, found {Describe(v.Value)}");
        }

        var i = 0;
        foreach (var item in v.Value.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Fail($"{_path}{name}[{i}]", $"expected a string, found {Describe(item)}"));
            i++;
        }

        return list;
    }

    /// <summary>An id that must name something stated before, of one of <paramref name="kinds"/>.</summary>
    public string? Ref(string name, StatementKind[] kinds, bool required = false, Func<StatedFact, RuleBreach?>? check = null)
    {
        var id = Slug(name, required);
        if (id is not null)
        {
            _references.Add(new Reference(id, _path + name, kinds, check));
        }

        return id;
    }

    public void Point(string name, bool required = false)
    {
        var v = required ? Required(name) : Find(name);
        if (v is null)
        {
            return;
        }

        var point = new BodyReader(v.Value, _path + name + ".", _references, "lat", "lon");
        point.Number("lat", required: true, min: -90, max: 90);
        point.Number("lon", required: true, min: -180, max: 180);
    }

    /// <summary>The <c>sources</c> (at least one, each a source id or <c>{"ref", "locator"}</c>) and <c>confidence</c> of a fact.</summary>
    public void Evidence(bool required = true)
    {
        if (!required && !Has("sources") && !Has("confidence") && !Has("credibility"))
        {
            return;
        }

        Sources("sources");
        Word("confidence", Vocabulary.Confidence, required: true);
        Count("credibility", min: 1, max: 6);
    }

    public void Sources(string name, bool steps = false)
    {
        if (steps)
        {
            // A step cites sources by id or by reference in words; they are not facts of the record.
            Strings(name, required: true);
            return;
        }

        var v = Required(name);
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0)
        {
            throw Fail(_path + name, $"expected a non-empty array of sources, found {Describe(v)}");
        }

        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            var field = $"{_path}{name}[{i++}]";
            if (item.ValueKind == JsonValueKind.String)
            {
                SourceRef(item, field);
            }
            else
            {
                var o = new BodyReader(item, field + ".", _references, "ref", "locator");
                SourceRef(o.Required("ref"), field + ".ref");
                o.String("locator");
            }
        }
    }

    private void SourceRef(JsonElement v, string field)
    {
        if (v.ValueKind != JsonValueKind.String || !Core.Slug.IsValid(v.GetString()))
        {
            throw Fail(field, $"expected a source id, found {Describe(v)}");
        }

        _references.Add(new Reference(v.GetString()!, field, [StatementKind.Source]));
    }

    /// <summary>A quantity: a number, an inline claim (<c>value</c> or <c>min</c>/<c>max</c>, <c>by</c>, <c>note</c>) or <c>{"claims": [...]}</c>.</summary>
    public void Quantity(string name, bool required = false, bool whole = true)
    {
        var v = required ? Required(name) : Find(name);
        if (v is null)
        {
            return;
        }

        var field = _path + name;
        if (v.Value.ValueKind == JsonValueKind.Number)
        {
            Amount(v.Value, field, whole);
            return;
        }

        if (v.Value.ValueKind != JsonValueKind.Object)
        {
            throw Fail(field, $"expected a number, a range {{\"min\": ..., \"max\": ...}} or {{\"claims\": [...]}}, found {Describe(v.Value)}");
        }

        if (v.Value.TryGetProperty("claims", out var claims))
        {
            _ = new BodyReader(v.Value, field + ".", _references, "claims");
            if (claims.ValueKind != JsonValueKind.Array || claims.GetArrayLength() == 0)
            {
                throw Fail(field + ".claims", "expected a non-empty array of claims");
            }

            var i = 0;
            foreach (var claim in claims.EnumerateArray())
            {
                Claim(claim, $"{field}.claims[{i++}]", whole, evidence: true);
            }

            return;
        }

        Claim(v.Value, field, whole, evidence: false);
    }

    private void Claim(JsonElement element, string field, bool whole, bool evidence)
    {
        var c = evidence
            ? new BodyReader(element, field + ".", _references, "value", "min", "max", "by", "note", "sources", "confidence")
            : new BodyReader(element, field + ".", _references, "value", "min", "max", "by", "note");
        var value = c.Find("value");
        var min = c.Find("min");
        var max = c.Find("max");
        if (value is not null && (min is not null || max is not null))
        {
            throw Fail(field, "give either 'value' or 'min'/'max', not both");
        }

        if (value is null && min is null && max is null)
        {
            throw Fail(field, "expected 'value', 'min' or 'max'");
        }

        var lo = min is { } a ? Amount(a, field + ".min", whole) : (double?)null;
        var hi = max is { } b ? Amount(b, field + ".max", whole) : (double?)null;
        if (value is { } x)
        {
            Amount(x, field + ".value", whole);
        }

        if (lo > hi)
        {
            throw Fail(field, $"'min' {Format(lo!.Value)} is greater than 'max' {Format(hi!.Value)}");
        }

        c.Party("by");
        c.String("note");
        if (evidence && (c.Has("sources") || c.Has("confidence") || c.Has("credibility")))
        {
            if (!c.Has("sources") || !c.Has("confidence"))
            {
                throw Fail(field, "a claim with its own evidence needs both 'sources' and 'confidence'");
            }

            c.Evidence();
        }
    }

    private static double Amount(JsonElement v, string field, bool whole)
    {
        if (whole)
        {
            return CountOf(v, field);
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            throw Fail(field, $"expected a number, found {Describe(v)}");
        }

        return d >= 0 && d <= AdmissionLimits.MaxMeasure
            ? d
            : throw new BodyRuleException(BodyRules.WholeCount, $"{field}: {Format(d)} is out of range; expected 0 to {Format(AdmissionLimits.MaxMeasure)}");
    }

    /// <summary>The <c>from</c> and <c>to</c> dates, <c>to</c> not before <c>from</c>.</summary>
    public void Period(string fromName = "from", string toName = "to", bool required = true, bool strictlyAfter = false)
    {
        var from = Date(fromName, required);
        var to = Date(toName);
        if (from is { } f && to is { } t && (strictlyAfter ? t <= f : t < f))
        {
            throw Fail(_path + toName, $"{t:yyyy-MM-dd} is {(strictlyAfter ? "not after" : "before")} '{fromName}' {f:yyyy-MM-dd}");
        }
    }

    public static BodyRuleException Fail(string field, string message) => new(BodyRules.WellFormed, $"{field}: {message}");

    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Clip(v.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Clip(v.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    public static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static string Format(double d) => d.ToString("#,0.###", CultureInfo.InvariantCulture);
}

/// <summary>A step's stated time: a whole UTC day, or a UTC time.</summary>
public readonly record struct StepTime(DateTimeOffset Earliest, bool WholeDay)
{
    /// <summary>The last instant the stated time covers (the end of the day for a date).</summary>
    public DateTimeOffset Latest => WholeDay ? Earliest.AddDays(1).AddTicks(-1) : Earliest;

    /// <summary>Parses <c>yyyy-MM-dd</c>, <c>yyyy-MM-ddTHH:mm:ssZ</c> or <c>yyyy-MM-ddTHH:mmZ</c>.</summary>
    public static bool TryParse(string? text, out StepTime time)
    {
        time = default;
        if (text is null)
        {
            return false;
        }

        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            time = new StepTime(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), true);
            return true;
        }

        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm'Z'"], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            time = new StepTime(at, false);
            return true;
        }

        return false;
    }

    /// <summary>True when this time is certainly before <paramref name="other"/>: compared by day when either is a whole day.</summary>
    public bool IsBefore(StepTime other) =>
        WholeDay || other.WholeDay ? DateOnly.FromDateTime(Earliest.UtcDateTime) < DateOnly.FromDateTime(other.Earliest.UtcDateTime) : Earliest < other.Earliest;
}

using System.Globalization;
using System.Text.Json;
using Detente.Record.Statements;

namespace Detente.Node.Reports.Record;

/// <summary>How a recorded statement reads for a person: a one-line summary of its body, and which parties it names.</summary>
public static class StatementText
{
    // Body members shown in a summary, in this order, after the id; the rest are in 'record show'.
    private static readonly string[] Summarised =
    [
        "name", "title", "owner", "host", "hosts", "alliance", "member", "subject", "observer", "notifier", "participants", "what",
        "quantity", "unit", "troops", "system", "site", "from", "to", "date", "start", "end", "given", "rows", "file", "first_row", "sha256",
    ];

    // Body members that name parties: 'record list --party P' matches the author or any of these.
    private static readonly string[] PartyMembers =
    [
        "owner", "host", "hosts", "alliance", "member", "subject", "observer", "notifier", "participants", "party", "parties",
        "inspecting", "receiving", "requester", "requested", "by", "controller", "state", "id",
    ];

    /// <summary>"usa-rou-deveselu-sm3: owner USA, quantity 24, unit missiles, …" — the id and the main members, at most about 160 characters.</summary>
    public static string Summary(Statement statement)
    {
        using var body = statement.ParseBody();
        var root = body.RootElement;
        var parts = new List<string>();
        foreach (var name in Summarised)
        {
            if (root.TryGetProperty(name, out var value) && Scalar(value) is { Length: > 0 } text)
            {
                parts.Add(name == "sha256" ? $"sha256 {text[..Math.Min(16, text.Length)]}…" : $"{name} {text}");
            }
        }

        var id = root.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : null;
        var summary = (id is null ? "" : id + (parts.Count > 0 ? ": " : "")) + string.Join(", ", parts);
        if (summary.Length == 0)
        {
            summary = string.Join(", ", root.ValueKind == JsonValueKind.Object ? root.EnumerateObject().Select(p => p.Name) : []);
        }

        return summary.Length <= 160 ? summary : summary[..157] + "...";
    }

    /// <summary>True when the statement is by <paramref name="party"/> or its body names it in a party member.</summary>
    public static bool Names(Statement statement, string party)
    {
        if (statement.Author.Code == party)
        {
            return true;
        }

        using var body = statement.ParseBody();
        foreach (var name in PartyMembers)
        {
            if (!body.RootElement.TryGetProperty(name, out var value))
            {
                continue;
            }

            if ((value.ValueKind == JsonValueKind.String && value.GetString() == party)
                || (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.String && v.GetString() == party)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The body indented, for reading.</summary>
    public static string Pretty(Statement statement)
    {
        using var body = statement.ParseBody();
        return JsonSerializer.Serialize(body.RootElement, new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetDouble(out var d) ? Detente.Core.Claim.Format(d) : value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array when value.GetArrayLength() <= 6 && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) =>
            string.Join(",", value.EnumerateArray().Select(v => v.GetString())),
        JsonValueKind.Array => $"[{value.GetArrayLength().ToString(CultureInfo.InvariantCulture)} items]",
        JsonValueKind.Object when value.TryGetProperty("value", out var v) => Scalar(v),
        _ => null,
    };
}

using System.Collections.Immutable;
using Detente.Core;
using Detente.Data.Json;

namespace Detente.Verification.Steps;

/// <summary>One event of an events file: the statement it becomes (kind, author, body) and the step read from it.</summary>
/// <param name="Kind">The kind of statement that carries the step.</param>
/// <param name="Author">The author party.</param>
/// <param name="Body">The body as JSON text (the statement's body).</param>
/// <param name="Step">The step.</param>
public sealed record VerificationEvent(StatementKind Kind, PartyId Author, string Body, Step Step);

/// <summary>
/// A <c>detente-verification-events/1</c> file: dated inspection and consultation steps with their sources, which
/// <c>detente record import --events</c> turns into signed statements and the verification verbs read directly.
/// </summary>
/// <param name="Id">Its id; a hypothetical run's id starts with <c>hypothetical-</c>.</param>
/// <param name="Title">Its title.</param>
/// <param name="Hypothetical">True for invented events that exercise the software; views label them.</param>
/// <param name="Description">What it covers.</param>
/// <param name="Sources">Source ids with titles and addresses.</param>
/// <param name="Events">The events, in order.</param>
public sealed record EventsFile(string Id, string Title, bool Hypothetical, string? Description,
    ImmutableArray<(string Id, string Title, string? Url)> Sources, ImmutableArray<VerificationEvent> Events)
{
    /// <summary>The format tag.</summary>
    public const string Format = "detente-verification-events/1";

    /// <summary>Loads and checks an events file: every body, every cited source; a hypothetical file must say so in its id.</summary>
    public static EventsFile Load(string path, string displayPath) => Read(LocatedJson.Load(path, displayPath));

    /// <summary>Parses an events file from UTF-8 bytes.</summary>
    public static EventsFile Parse(byte[] utf8, string displayPath) => Read(LocatedJson.Parse(utf8, displayPath));

    private static EventsFile Read(LocatedJson root)
    {
        root.ExpectObject("format", "id", "title", "hypothetical", "description", "sources", "events");
        var format = root.Required("format");
        if (format.String() != Format)
        {
            throw format.Fail($"expected '{Format}', found '{format.Text}'");
        }

        var id = root.Required("id");
        var hypothetical = root.Required("hypothetical").Bool();
        if (hypothetical != id.String().StartsWith("hypothetical-", StringComparison.Ordinal))
        {
            throw id.Fail(hypothetical ? "a hypothetical file's id starts with 'hypothetical-'" : "only a hypothetical file's id starts with 'hypothetical-'");
        }

        var title = root.Required("title").String();
        if (hypothetical && !title.Contains("HYPOTHETICAL", StringComparison.Ordinal))
        {
            throw root.Required("title").Fail("a hypothetical file's title says HYPOTHETICAL");
        }

        var sources = ImmutableArray.CreateBuilder<(string, string, string?)>();
        var sourcesNode = root.Required("sources");
        if (sourcesNode.Kind != System.Text.Json.JsonValueKind.Array)
        {
            throw sourcesNode.Fail("expected an array of sources");
        }

        foreach (var s in sourcesNode.Items)
        {
            s.ExpectObject("id", "title", "publisher", "date", "url");
            var sid = s.Required("id").String();
            if (sources.Any(x => x.Item1 == sid))
            {
                throw s.Required("id").Fail($"source '{sid}' appears twice");
            }

            sources.Add((sid, s.Required("title").String(), s.Find("url")?.String()));
        }

        var known = sources.Select(s => s.Item1).ToArray();
        var events = ImmutableArray.CreateBuilder<VerificationEvent>();
        var eventsNode = root.Required("events");
        if (eventsNode.Kind != System.Text.Json.JsonValueKind.Array)
        {
            throw eventsNode.Fail("expected an array of events");
        }

        foreach (var e in eventsNode.Items)
        {
            e.ExpectObject("kind", "author", "body");
            var kind = StatementKinds.Parse(e.Required("kind").Word([.. StepReader.KindNames]));
            var authorNode = e.Required("author");
            var code = authorNode.String();
            if (!PartyId.IsValidCode(code))
            {
                throw authorNode.Fail($"'{code}' is not a party code");
            }

            var body = e.Required("body");
            var step = StepReader.Read(kind, new PartyId(code), body, body.Location.ToString());
            foreach (var (cited, i) in step.Sources.Select((c, i) => (c, i)))
            {
                if (Array.IndexOf(known, cited) < 0)
                {
                    throw body.Required("sources").Items[i].Fail($"unknown source '{cited}'{Spelling.Suggestion(cited, known)}; list it under 'sources'");
                }
            }

            events.Add(new VerificationEvent(kind, new PartyId(code), Serialize(body), step));
        }

        return new EventsFile(id.String(), title, hypothetical, root.Find("description")?.String(), sources.ToImmutable(), events.ToImmutable());
    }

    // The body's JSON text, re-serialised from the parsed tree so that the statement carries exactly the fields read.
    private static string Serialize(LocatedJson node) => node.Kind switch
    {
        System.Text.Json.JsonValueKind.Object => "{" + string.Join(",", node.Members.Select(m => System.Text.Json.JsonSerializer.Serialize(m.Name) + ":" + Serialize(m.Value))) + "}",
        System.Text.Json.JsonValueKind.Array => "[" + string.Join(",", node.Items.Select(Serialize)) + "]",
        System.Text.Json.JsonValueKind.String => System.Text.Json.JsonSerializer.Serialize(node.Text),
        System.Text.Json.JsonValueKind.Null => "null",
        _ => node.Text!,
    };
}

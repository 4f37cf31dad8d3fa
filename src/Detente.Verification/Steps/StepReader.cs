using System.Collections.Immutable;
using Detente.Core;
using Detente.Data.Json;

namespace Detente.Verification.Steps;

/// <summary>
/// Reads a step from its statement kind, author and JSON body (the body schemas of docs/verification.md). Every field is
/// checked; an error names where the body was read and the field.
/// </summary>
public static class StepReader
{
    /// <summary>The statement kinds that carry verification steps.</summary>
    public static readonly ImmutableArray<StatementKind> Kinds =
    [
        StatementKind.InspectionDesignation, StatementKind.InspectionRequest, StatementKind.InspectionAnswer, StatementKind.InspectionVisit,
        StatementKind.InspectionReport, StatementKind.InspectionCountersignature, StatementKind.InspectionDissent, StatementKind.ConsultationRequest,
        StatementKind.ConsultationAnswer, StatementKind.ConsultationMeetingRequest, StatementKind.ConsultationMeeting,
    ];

    /// <summary>The wire names of <see cref="Kinds"/>, for files that name a step's kind (an events file).</summary>
    public static readonly ImmutableArray<string> KindNames = [.. Kinds.Select(k => k.WireName())];

    private static readonly string[] Common = ["at", "sources", "confidence", "note"];

    /// <summary>Whether <paramref name="kind"/> carries a verification step.</summary>
    public static bool IsStepKind(StatementKind kind) => Kinds.Contains(kind);

    /// <summary>Reads a body given as UTF-8 JSON (e.g. a statement's); <paramref name="where"/> names it in messages.</summary>
    public static Step Read(StatementKind kind, PartyId author, byte[] body, string where, long? recordIndex = null) =>
        Read(kind, author, LocatedJson.Parse(body, where), where, recordIndex);

    /// <summary>Reads a body already parsed.</summary>
    /// <exception cref="ArgumentException"><paramref name="kind"/> carries no verification step (see <see cref="IsStepKind"/>).</exception>
    public static Step Read(StatementKind kind, PartyId author, LocatedJson body, string where, long? recordIndex = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        Step step = kind switch
        {
            StatementKind.InspectionDesignation => Designation(body, author),
            StatementKind.InspectionRequest => Request(body, author),
            StatementKind.InspectionAnswer => Answer(body, author),
            StatementKind.InspectionVisit => Visit(body, author),
            StatementKind.InspectionReport => Report(body, author),
            StatementKind.InspectionCountersignature => Response(body, author, true),
            StatementKind.InspectionDissent => Response(body, author, false),
            StatementKind.ConsultationRequest => ConsultationRequest(body, author),
            StatementKind.ConsultationAnswer => ConsultationAnswer(body, author),
            StatementKind.ConsultationMeetingRequest => MeetingRequest(body, author),
            StatementKind.ConsultationMeeting => Meeting(body, author),
            _ => throw new ArgumentException($"'{kind.WireName()}' is not a verification step", nameof(kind)),
        };
        return step with { Where = body.Location.ToString(), RecordIndex = recordIndex };
    }

    private static string[] Fields(params string[] own) => [.. Common, .. own];

    private static Moment At(LocatedJson b) => b.Required("at").ReadMoment();

    private static ImmutableArray<string> Sources(LocatedJson b) => b.Required("sources").Strings();

    private static Confidence Confidence(LocatedJson b) => b.Required("confidence").Word("verified", "recalled", "uncertain", "disputed") switch
    {
        "verified" => Core.Confidence.Verified,
        "recalled" => Core.Confidence.Recalled,
        "uncertain" => Core.Confidence.Uncertain,
        _ => Core.Confidence.Disputed,
    };

    private static string Id(LocatedJson node)
    {
        var id = node.String();
        return Slug.IsValid(id) ? id : throw node.Fail($"'{id}' is not an id: expected lower-case a-z, 0-9, '-', '.' or '_'");
    }

    private static PartyId Party(LocatedJson node)
    {
        var code = node.String();
        return PartyId.IsValidCode(code) ? new PartyId(code) : throw node.Fail($"'{code}' is not a party code");
    }

    private static ImmutableArray<PartyId> Parties(LocatedJson node, bool nonEmpty = true)
    {
        node.Strings(nonEmpty);
        return [.. node.Items.Select(Party)];
    }

    private static DesignationStep Designation(LocatedJson b, PartyId author)
    {
        b.ExpectObject(Fields("regime", "side", "sites"));
        var sites = b.Required("sites");
        sites.Strings();
        return new DesignationStep
        {
            Author = author, At = At(b), Sources = Sources(b), Confidence = Confidence(b), Note = b.Find("note")?.String(), Where = b.Location.ToString(),
            Regime = Id(b.Required("regime")), Side = b.Required("side").String(), Sites = [.. sites.Items.Select(s => new SiteId(Id(s)))],
        };
    }

    private static InspectionRequestStep Request(LocatedJson b, PartyId author)
    {
        b.ExpectObject(Fields("id", "regime", "receiving", "site", "area", "visit_from", "team_size", "checks"));
        var site = b.Find("site");
        var area = b.Find("area");
        if (site is null == (area is null))
        {
            throw b.Fail("give either 'site' (a site id) or 'area' (a specified area in words)");
        }

        var checks = b.Find("checks");
        return new InspectionRequestStep
        {
            Author = author, At = At(b), Sources = Sources(b), Confidence = Confidence(b), Note = b.Find("note")?.String(), Where = b.Location.ToString(),
            Id = Id(b.Required("id")), Regime = Id(b.Required("regime")), Receiving = Party(b.Required("receiving")),
            Site = site is null ? null : new SiteId(Id(site)), Area = area?.String(), VisitFrom = b.Required("visit_from").ReadMoment(),
            TeamSize = b.Required("team_size").Int(1, 1000), Checks = checks is null ? [] : checks.Strings(false),
        };
    }

    private static InspectionAnswerStep Answer(LocatedJson b, PartyId author)
    {
        b.ExpectObject(Fields("request", "accepted", "reason"));
        var accepted = b.Required("accepted").Bool();
        var reason = b.Find("reason")?.String();
        if (!accepted && reason is null)
        {
            throw b.Fail("a refusal needs its 'reason'");
        }

        return new InspectionAnswerStep
        {
            Author = author, At = At(b), Sources = Sources(b), Confidence = Confidence(b), Note = b.Find("note")?.String(), Where = b.Location.ToString(),
            Request = Id(b.Required("request")), Accepted = accepted, Reason = reason,
        };
    }

    private static InspectionVisitStep Visit(LocatedJson b, PartyId author)
    {
        b.ExpectObject(Fields("request", "from", "to", "team_size"));
        var from = b.Required("from").ReadMoment();
        var to = b.Required("to").ReadMoment();
        if (to < from)
        {
            throw b.Required("to").Fail($"the visit ends ({to}) before it starts ({from})");
        }

        return new InspectionVisitStep
        {
            Author = author, At = At(b), Sources = Sources(b), Confidence = Confidence(b), Note = b.Find("note")?.String(), Where = b.Location.ToString(),
            Request = Id(b.Required("request")), From = from, To = to, TeamSize = b.Required("team_size").Int(1, 1000),
        };
    }

    private static InspectionReportStep Report(LocatedJson b, PartyId author)
    {
        b.ExpectObject(Fields("request", "items"));
        var itemsNode = b.Required("items");
        if (itemsNode.Kind != System.Text.Json.JsonValueKind.Array || itemsNode.Items.Length == 0)
        {
            throw itemsNode.Fail("expected an array of at least one item");
        }

        var items = itemsNode.Items.Select(i =>
        {
            i.ExpectObject("check", "text", "present", "count");
            return new ReportItem(Id(i.Required("check")), i.Required("text").String(), i.Find("present")?.Bool(), i.Find("count")?.Int(0, (int)Core.Counts.Max));
        }).ToImmutableArray();
        return new InspectionReportStep
        {
            Author = author, At = At(b), Sources = Sources(b), Confidence = Confidence(b), Note = b.Find("note")?.String(), Where = b.Location.ToString(),
            Request = Id(b.Required("request")), Items = items,
        };
    }

    private static InspectionResponseStep Response(LocatedJson b, PartyId author, bool countersigned)
    {
        b.ExpectObject(Fields(countersigned ? ["request"] : ["request", "reason", "items"]));
        var reason = countersigned ? null : b.Required("reason").String();
        var items = b.Find("items") is { } it
            ? it.Kind == System.Text.Json.JsonValueKind.Array ? it.Items.Select(x => x.Int(1)).ToImmutableArray() : throw it.Fail("expected an array of item numbers")
            : [];
        return new InspectionResponseStep
        {
            Author = author, At = At(b), Sources = Sources(b), Confidence = Confidence(b), Note = b.Find("note")?.String(), Where = b.Location.ToString(),
            Request = Id(b.Required("request")), Countersigned = countersigned, Reason = reason, Items = items,
        };
    }

    private static ConsultationRequestStep ConsultationRequest(LocatedJson b, PartyId author)
    {
        b.ExpectObject(Fields("id", "regime", "to", "subject", "answer_known"));
        return new ConsultationRequestStep
        {
            Author = author, At = At(b), Sources = Sources(b), Confidence = Confidence(b), Note = b.Find("note")?.String(), Where = b.Location.ToString(),
            Id = Id(b.Required("id")), Regime = Id(b.Required("regime")), To = Parties(b.Required("to")), Subject = b.Required("subject").String(),
            AnswerKnown = b.Find("answer_known")?.Bool() ?? true,
        };
    }

    private static ConsultationAnswerStep ConsultationAnswer(LocatedJson b, PartyId author)
    {
        b.ExpectObject(Fields("request", "text"));
        return new ConsultationAnswerStep
        {
            Author = author, At = At(b), Sources = Sources(b), Confidence = Confidence(b), Note = b.Find("note")?.String(), Where = b.Location.ToString(),
            Request = Id(b.Required("request")), Text = b.Required("text").String(),
        };
    }

    private static ConsultationMeetingRequestStep MeetingRequest(LocatedJson b, PartyId author)
    {
        b.ExpectObject(Fields("id", "request", "with", "forum"));
        return new ConsultationMeetingRequestStep
        {
            Author = author, At = At(b), Sources = Sources(b), Confidence = Confidence(b), Note = b.Find("note")?.String(), Where = b.Location.ToString(),
            Id = Id(b.Required("id")), Request = Id(b.Required("request")), With = Parties(b.Required("with")), Forum = b.Find("forum")?.String(),
        };
    }

    private static ConsultationMeetingStep Meeting(LocatedJson b, PartyId author)
    {
        b.ExpectObject(Fields("request", "meeting_request", "attended", "absent", "forum"));
        return new ConsultationMeetingStep
        {
            Author = author, At = At(b), Sources = Sources(b), Confidence = Confidence(b), Note = b.Find("note")?.String(), Where = b.Location.ToString(),
            Request = Id(b.Required("request")), MeetingRequest = b.Find("meeting_request") is { } m ? Id(m) : null,
            Attended = b.Find("attended") is { } a ? Parties(a, false) : [], Absent = b.Find("absent") is { } x ? Parties(x, false) : [],
            Forum = b.Find("forum")?.String(),
        };
    }
}

using Detente.Core;
using Detente.Record.Statements;

namespace Detente.Security.Tests.Append;

/// <summary>One attempt on the append path: who signs what, and the body rule (or validator error) that must refuse it.</summary>
/// <param name="Class">The attack class (docs/security.md).</param>
/// <param name="Name">What is tried, in words.</param>
/// <param name="Kind">The statement kind.</param>
/// <param name="Author">The signing party.</param>
/// <param name="Body">The body.</param>
/// <param name="Rule">The rule expected to refuse it (its name), or a validator error's name.</param>
/// <param name="Time">The signing time, when not <see cref="AppendWorld.Now"/>.</param>
public sealed record Attack(string Class, string Name, StatementKind Kind, PartyId Author, string Body, string Rule, DateTimeOffset? Time = null)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Class}: {Name}";
}

/// <summary>The attacks on the append path, by class; every case is replayed on SQLite and PostgreSQL.</summary>
public static class Attacks
{
    private static readonly PartyId Rus = AppendWorld.Rus;
    private static readonly PartyId Lib = AppendWorld.Librarian;

    private const string Step = "\"confidence\":\"verified\",\"sources\":[\"src\"]";

    /// <summary>
    /// A party's statement whose body names another party as its author, owner, observer or actor: one case for every statement
    /// kind whose body can name one (the others are in <see cref="KindsWithoutAuthorField"/>).
    /// </summary>
    public static IReadOnlyList<Attack> ForgedAuthor { get; } =
    [
        new("forged author", "RUS declares a US deployment", StatementKind.DeploymentDeclaration, Rus, AppendWorld.Deployment("usa-9999", "USA", quantity: "9999"), "own-declaration"),
        new("forged author", "RUS changes the US deployment", StatementKind.DeploymentChange, Rus, """{"deployment":"usa-redzikowo","quantity":0}""", "own-declaration"),
        new("forged author", "RUS gives a US notification", StatementKind.Notification, Rus,
            """{"confidence":"verified","given":"2022-02-01","id":"n-usa","kind":"voluntary","notifier":"USA","sources":["src"]}""", "own-declaration"),
        new("forged author", "RUS states Ukraine joined NATO", StatementKind.MembershipEvent, Rus,
            """{"alliance":"NATO","confidence":"verified","id":"m-ukr","joined":"2022-01-01","member":"UKR","sources":["src"]}""", "own-declaration"),
        new("forged author", "RUS observes in the name of the USA", StatementKind.Observation, Rus,
            """{"confidence":"verified","date":"2022-02-01","id":"o-usa","observer":"USA","quantity":1000,"sources":["src"],"subject":"BLR","what":"troops"}""", "own-observation"),
        new("forged author", "RUS states the USA's position", StatementKind.Position, Rus, """{"issue":"enlargement","party":"USA","stance":"red-line"}""", "own-declaration"),
        new("forged author", "RUS states what the USA is", StatementKind.Party, Rus, """{"id":"USA","kind":"state","name":"Aggressor"}""", "own-declaration"),
        new("forged author", "RUS states a US system", StatementKind.System, Rus,
            """{"category":"missile","confidence":"verified","id":"usa-new","launch":"ground","name":"X","nuclear":"nuclear-only","owner":"USA","role":"offensive","sources":["src"]}""", "own-declaration"),
        new("forged author", "RUS states a site hosted by Poland", StatementKind.Site, Rus,
            """{"confidence":"verified","host":"POL","id":"fake-base","kind":"missile-base","location":{"lat":52,"lon":20},"name":"Fake","sources":["src"]}""", "own-declaration"),
        new("forged author", "RUS states Ukraine's control of an area", StatementKind.Control, Rus,
            """{"area":"crimea","confidence":"verified","controller":"UKR","from":"2022-01-01","id":"c-ukr","sources":["src"]}""", "own-declaration"),
        new("forged author", "RUS states a US exercise", StatementKind.Activity, Rus,
            """{"confidence":"verified","end":"2022-02-02","id":"a-usa","kind":"exercise","name":"X","participants":["USA"],"sources":["src"],"start":"2022-02-01"}""", "own-declaration"),
        new("forged author", "RUS answers the request made to Belarus", StatementKind.InspectionAnswer, Rus,
            $$"""{"accepted":true,"at":"2022-02-02",{{Step}},"request":"req-usa"}""", "own-declaration"),
        new("forged author", "RUS records the visit of the USA's request", StatementKind.InspectionVisit, Rus,
            $$"""{"at":"2022-02-11",{{Step}},"from":"2022-02-10","request":"req-usa","team_size":4,"to":"2022-02-11"}""", "own-declaration"),
        new("forged author", "RUS reports under the USA's request", StatementKind.InspectionReport, Rus,
            $$"""{"at":"2022-02-12",{{Step}},"items":[{"check":"count","text":"none"}],"request":"req-usa"}""", "own-declaration"),
        new("forged author", "RUS countersigns for Belarus", StatementKind.InspectionCountersignature, Rus,
            $$"""{"at":"2022-02-13",{{Step}},"request":"req-usa"}""", "own-declaration"),
        new("forged author", "RUS dissents for Belarus", StatementKind.InspectionDissent, Rus,
            $$"""{"at":"2022-02-13",{{Step}},"reason":"no","request":"req-usa"}""", "own-declaration"),
        new("forged author", "RUS answers the consultation asked of Belarus", StatementKind.ConsultationAnswer, Rus,
            $$"""{"at":"2022-02-02",{{Step}},"request":"cons-usa","text":"nothing to see"}""", "own-declaration"),
        new("forged author", "RUS asks a meeting under the USA's request", StatementKind.ConsultationMeetingRequest, Rus,
            $$"""{"at":"2022-02-03",{{Step}},"id":"mr-rus","request":"cons-usa","with":["BLR"]}""", "own-declaration"),
        new("forged author", "RUS records a meeting between the USA and Belarus", StatementKind.ConsultationMeeting, Rus,
            $$"""{"at":"2022-02-04",{{Step}},"request":"cons-usa"}""", "own-declaration"),
        new("forged author", "RUS asks itself for an explanation", StatementKind.ConsultationRequest, Rus,
            $$"""{"at":"2022-02-01",{{Step}},"id":"cons-rus","regime":"vienna-chapter-iii","subject":"x","to":["RUS"]}""", "own-declaration"),
        new("forged author", "RUS asks to inspect itself", StatementKind.InspectionRequest, Rus,
            $$"""{"area":"Moscow","at":"2022-02-01","checks":[],{{Step}},"id":"req-rus","receiving":"RUS","regime":"vienna","team_size":2,"visit_from":"2022-02-10"}""", "own-declaration"),
        new("forged author", "the librarian designates sites (a party's act)", StatementKind.InspectionDesignation, Lib,
            $$"""{"at":"2022-02-01",{{Step}},"regime":"aegis","side":"POL","sites":["redzikowo"]}""", "librarian-reports-only"),
        new("forged author", "RUS revokes a US key", StatementKind.KeyRevocation, Rus, """{"key":"attack.detente.test/USA+00000000"}""", "BadBody"),
        new("forged author", "RUS signs a batch of US observations", StatementKind.ObservationBatch, Rus, "batch:USA", "own-observation"),
        new("forged author", "RUS states Poland's consent to US forces", StatementKind.Consent, Rus,
            """{"confidence":"verified","from":"2022-01-01","host":"POL","id":"c-pol","party":"USA","provenance":"declared","sources":["src"],"stance":"given"}""", "own-declaration"),
    ];

    /// <summary>Kinds whose bodies name no party as their author, with why (the theory checks these and the cases above cover every kind).</summary>
    public static IReadOnlyDictionary<StatementKind, string> KindsWithoutAuthorField { get; } = new Dictionary<StatementKind, string>
    {
        [StatementKind.Source] = "a publication: any party or the librarian may cite one; its id is unique and its form checked",
        [StatementKind.Scenario] = "the scenario's title: no party is named",
        [StatementKind.AgreementText] = "the text of an agreement version: any party may publish one",
        [StatementKind.KeyRotation] = "the new key is recorded for the signing party itself (the validator), and a demo key is refused outside a demo record",
    };

    /// <summary>The librarian (the operator's import) states only reported facts.</summary>
    public static IReadOnlyList<Attack> Librarian { get; } =
    [
        new("librarian", "the librarian declares a US deployment", StatementKind.DeploymentDeclaration, Lib, AppendWorld.Deployment("lib-usa", "USA"), "librarian-reports-only"),
        new("librarian", "the librarian gives a notification", StatementKind.Notification, Lib,
            """{"confidence":"verified","given":"2022-02-01","id":"n-lib","kind":"voluntary","notifier":"RUS","sources":["src"]}""", "librarian-reports-only"),
        new("librarian", "the librarian answers an inspection request", StatementKind.InspectionAnswer, Lib,
            $$"""{"accepted":true,"at":"2022-02-02",{{Step}},"request":"req-usa"}""", "librarian-reports-only"),
        new("librarian", "the librarian states a position", StatementKind.Position, Lib, """{"issue":"x"}""", "librarian-reports-only"),
        new("librarian", "the librarian observes in the USA's name", StatementKind.Observation, Lib,
            """{"confidence":"verified","date":"2022-02-01","id":"o-lib","observer":"USA","quantity":1,"sources":["src"],"subject":"BLR","what":"troops"}""", "librarian-reports-only"),
        new("librarian", "the librarian states a deployment as observed", StatementKind.DeploymentDeclaration, Lib,
            AppendWorld.Deployment("lib-obs", "USA", provenance: "observed"), "librarian-reports-only"),
    ];

    /// <summary>Bodies that would break the world for every reader: malformed, duplicate ids, dangling references.</summary>
    public static IReadOnlyList<Attack> BreakTheRecord { get; } =
    [
        new("break the record", "a deployment body {\"id\":5}", StatementKind.DeploymentDeclaration, AppendWorld.Usa, """{"id":5}""", "well-formed"),
        new("break the record", "an observation body {\"id\":5}", StatementKind.Observation, Rus, """{"id":5}""", "well-formed"),
        new("break the record", "a site body {\"id\":5}", StatementKind.Site, Lib, """{"id":5}""", "well-formed"),
        new("break the record", "a step body {\"id\":5}", StatementKind.InspectionRequest, Rus, """{"id":5}""", "well-formed"),
        new("break the record", "a source body {\"id\":5}", StatementKind.Source, Lib, """{"id":5}""", "well-formed"),
        new("break the record", "a scenario body {\"id\":5}", StatementKind.Scenario, Lib, """{"id":5}""", "well-formed"),
        new("break the record", "a member the reader does not know", StatementKind.DeploymentDeclaration, AppendWorld.Usa,
            AppendWorld.Deployment("usa-x", "USA").Replace("\"unit\"", "\"colour\":\"red\",\"unit\"", StringComparison.Ordinal), "well-formed"),
        new("break the record", "a unit outside the vocabulary", StatementKind.DeploymentDeclaration, AppendWorld.Usa,
            AppendWorld.Deployment("usa-x", "USA").Replace("launchers", "bananas", StringComparison.Ordinal), "well-formed"),
        new("break the record", "a second declaration reusing a fact id", StatementKind.DeploymentDeclaration, AppendWorld.Usa, AppendWorld.Deployment("usa-redzikowo", "USA"), "unique-id"),
        new("break the record", "a site reusing a deployment's id", StatementKind.Site, Lib,
            """{"confidence":"verified","host":"POL","id":"usa-redzikowo","kind":"other","location":{"lat":52,"lon":20},"name":"X","sources":["src"]}""", "unique-id"),
        new("break the record", "a deployment at an unknown site", StatementKind.DeploymentDeclaration, AppendWorld.Usa,
            AppendWorld.Deployment("usa-y", "USA").Replace("redzikowo", "nowhere", StringComparison.Ordinal), "reference-resolves"),
        new("break the record", "a deployment of an unknown system", StatementKind.DeploymentDeclaration, AppendWorld.Usa,
            AppendWorld.Deployment("usa-y", "USA").Replace("sm-3", "no-such-system", StringComparison.Ordinal), "reference-resolves"),
        new("break the record", "a deployment citing an unknown source", StatementKind.DeploymentDeclaration, AppendWorld.Usa,
            AppendWorld.Deployment("usa-y", "USA").Replace("[\"src\"]", "[\"ghost\"]", StringComparison.Ordinal), "reference-resolves"),
        new("break the record", "a deployment hosted by an unknown party", StatementKind.DeploymentDeclaration, AppendWorld.Usa,
            AppendWorld.Deployment("usa-y", "USA").Replace("\"host\":\"POL\"", "\"host\":\"ATL\"", StringComparison.Ordinal), "reference-resolves"),
        new("break the record", "a deployment hosted by an alliance", StatementKind.DeploymentDeclaration, AppendWorld.Usa,
            AppendWorld.Deployment("usa-y", "USA").Replace("\"host\":\"POL\"", "\"host\":\"NATO\"", StringComparison.Ordinal), "reference-resolves"),
        new("break the record", "a deployment naming a site as its system", StatementKind.DeploymentDeclaration, AppendWorld.Usa,
            AppendWorld.Deployment("usa-y", "USA").Replace("\"system\":\"sm-3\"", "\"system\":\"redzikowo\"", StringComparison.Ordinal), "reference-resolves"),
        new("break the record", "a notification of an unknown activity", StatementKind.Notification, Rus,
            """{"activity":"zapad-3000","confidence":"verified","given":"2022-02-01","id":"n-rus","kind":"voluntary","notifier":"RUS","sources":["src"]}""", "reference-resolves"),
        new("break the record", "an answer to a request never made", StatementKind.InspectionAnswer, AppendWorld.Blr,
            $$"""{"accepted":true,"at":"2022-02-02",{{Step}},"request":"req-none"}""", "reference-resolves"),
        new("break the record", "a batch naming rows never stored", StatementKind.ObservationBatch, Rus,
            """{"rows":3,"sha256":"0000000000000000000000000000000000000000000000000000000000000000"}""", "batch-rows-stored"),
        new("break the record", "a membership whose alliance is a state", StatementKind.MembershipEvent, Lib,
            """{"alliance":"POL","confidence":"verified","id":"m-x","joined":"2022-01-01","member":"UKR","sources":["src"]}""", "reference-resolves"),
    ];

    /// <summary>Numbers that are not counts.</summary>
    public static IReadOnlyList<Attack> Quantities { get; } =
    [
        new("quantities", "60,053.5 troops", StatementKind.Observation, Rus,
            """{"confidence":"verified","date":"2022-02-01","id":"o-q1","observer":"RUS","quantity":60053.5,"sources":["src"],"subject":"BLR","what":"troops"}""", "whole-count"),
        new("quantities", "1e26 launchers", StatementKind.DeploymentDeclaration, AppendWorld.Usa, AppendWorld.Deployment("usa-q", "USA", quantity: "1e26"), "whole-count"),
        new("quantities", "-5 launchers", StatementKind.DeploymentDeclaration, AppendWorld.Usa, AppendWorld.Deployment("usa-q", "USA", quantity: "-5"), "whole-count"),
        new("quantities", "a count as a string", StatementKind.DeploymentDeclaration, AppendWorld.Usa, AppendWorld.Deployment("usa-q", "USA", quantity: "\"1\""), "well-formed"),
        new("quantities", "a range of 0.5 to 2", StatementKind.DeploymentDeclaration, AppendWorld.Usa, AppendWorld.Deployment("usa-q", "USA", quantity: """{"max":2,"min":0.5}"""), "whole-count"),
        new("quantities", "a team of 0 inspectors", StatementKind.InspectionRequest, Rus,
            $$"""{"area":"Gomel","at":"2022-02-01","checks":[],{{Step}},"id":"req-q","receiving":"BLR","regime":"vienna","team_size":0,"visit_from":"2022-02-10"}""", "whole-count"),
        new("quantities", "a latitude of 91", StatementKind.Site, Lib,
            """{"confidence":"verified","host":"POL","id":"s-q","kind":"other","location":{"lat":91,"lon":20},"name":"X","sources":["src"]}""", "whole-count"),
    ];

    /// <summary>Steps dated after their signing, or before what they answer.</summary>
    public static IReadOnlyList<Attack> Times { get; } =
    [
        new("times", "a request dated a year after its signing", StatementKind.InspectionRequest, Rus,
            $$"""{"area":"Gomel","at":"2027-12-07",{{Step}},"checks":[],"id":"req-t1","receiving":"BLR","regime":"vienna","team_size":2,"visit_from":"2027-12-20"}""", "step-not-after-signing"),
        new("times", "an answer stated for tomorrow", StatementKind.InspectionAnswer, AppendWorld.Blr,
            $$"""{"accepted":true,"at":"2026-12-08",{{Step}},"request":"req-usa"}""", "step-not-after-signing"),
        new("times", "an answer dated before the request", StatementKind.InspectionAnswer, AppendWorld.Blr,
            $$"""{"accepted":true,"at":"2022-01-15",{{Step}},"request":"req-usa"}""", "step-not-before-answered"),
        new("times", "a consultation answer dated before the request", StatementKind.ConsultationAnswer, AppendWorld.Blr,
            $$"""{"at":"2022-01-31T23:00:00Z",{{Step}},"request":"cons-usa","text":"x"}""", "step-not-before-answered"),
        new("times", "a step time without a zone", StatementKind.ConsultationAnswer, AppendWorld.Blr,
            $$"""{"at":"2022-02-02T10:00:00",{{Step}},"request":"cons-usa","text":"x"}""", "well-formed"),
    ];

    /// <summary>Every class, for the census.</summary>
    public static IReadOnlyList<(string Class, IReadOnlyList<Attack> Cases)> Classes { get; } =
        [("forged author", ForgedAuthor), ("librarian", Librarian), ("break the record", BreakTheRecord), ("quantities", Quantities), ("times", Times)];

    /// <summary>The cases of a class as theory data, on both backends.</summary>
    public static TheoryData<Backend, Attack> On(IReadOnlyList<Attack> cases)
    {
        var data = new TheoryData<Backend, Attack>();
        foreach (var backend in Enum.GetValues<Backend>())
        {
            foreach (var c in cases)
            {
                data.Add(backend, c);
            }
        }

        return data;
    }
}

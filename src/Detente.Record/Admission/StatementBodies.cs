using System.Text.Json;
using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Statements;

namespace Detente.Record.Admission;

/// <summary>
/// Reads a statement's body for its kind and applies the rules that need nothing but the statement: well-formed, whole counts, the
/// author's own declarations and observations, the librarian's reported facts only, a step not dated after its signing. What the
/// record's state decides (ids, references, answered steps, batch rows) comes back as <see cref="BodyClaims"/> for <see cref="StatementAdmission"/>.
/// </summary>
public static partial class StatementBodies
{
    /// <summary>The party that states what no other party authored: the operator's import of published sources (sources, parties, catalogue, reported facts).</summary>
    public static readonly PartyId Librarian = new("DETENTE-LIBRARIAN");

    private static readonly StatementKind[] Deployment = [StatementKind.DeploymentDeclaration];
    private static readonly StatementKind[] Site = [StatementKind.Site];
    private static readonly StatementKind[] SystemKind = [StatementKind.System];
    private static readonly StatementKind[] ActivityKind = [StatementKind.Activity];
    private static readonly StatementKind[] InspectionRequest = [StatementKind.InspectionRequest];
    private static readonly StatementKind[] ConsultationRequest = [StatementKind.ConsultationRequest];
    private static readonly StatementKind[] MeetingRequest = [StatementKind.ConsultationMeetingRequest];
    private static readonly string[] StepCommon = ["at", "sources", "confidence", "note"];

    /// <summary>
    /// False for the kinds whose body never introduces a fact or step id (<see cref="BodyClaims.Id"/> is null for every body of that
    /// kind): a reader that only wants what a record states can skip reading their bodies.
    /// </summary>
    public static bool MayStateFact(StatementKind kind) =>
        kind is not (StatementKind.Position or StatementKind.ObservationBatch or StatementKind.KeyRotation or StatementKind.KeyRevocation);

    /// <summary>Reads <paramref name="statement"/>'s body: the claims for the stateful rules, or the first broken rule.</summary>
    public static (BodyClaims? Claims, RuleBreach? Breach) Read(Statement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        try
        {
            using var doc = statement.ParseBody();
            return (ReadKind(statement, doc.RootElement), null);
        }
        catch (BodyRuleException e)
        {
            return (null, new RuleBreach(e.Rule, e.Message));
        }
        catch (JsonException e)
        {
            return (null, new RuleBreach(BodyRules.WellFormed, "the body is not JSON: " + e.Message));
        }
    }

    private static BodyClaims ReadKind(Statement s, JsonElement body)
    {
        var refs = new List<Reference>();
        return s.Kind switch
        {
            StatementKind.DeploymentDeclaration => DeploymentDeclaration(s, body, refs),
            StatementKind.DeploymentChange => DeploymentChange(s, body, refs),
            StatementKind.Notification => Notification(s, body, refs),
            StatementKind.MembershipEvent => Membership(s, body, refs),
            StatementKind.Observation => Observation(s, body, refs),
            StatementKind.ObservationBatch => Batch(s, body, refs),
            StatementKind.Position => Position(s, body, refs),
            StatementKind.AgreementText => new BodyClaims { References = refs, Id = AgreementText(body, refs) },
            StatementKind.KeyRotation => KeyRotation(body, refs),
            StatementKind.KeyRevocation => KeyRevocation(body, refs),
            StatementKind.Scenario => Scenario(body, refs),
            StatementKind.Source => Source(body, refs),
            StatementKind.Party => Party(s, body, refs),
            StatementKind.System => System(s, body, refs),
            StatementKind.Site => SiteFact(s, body, refs),
            StatementKind.Control => Control(s, body, refs),
            StatementKind.Activity => Activity(s, body, refs),
            StatementKind.Consent => Consent(s, body, refs),
            StatementKind.InspectionDesignation or StatementKind.InspectionRequest or StatementKind.InspectionAnswer
                or StatementKind.InspectionVisit or StatementKind.InspectionReport or StatementKind.InspectionCountersignature
                or StatementKind.InspectionDissent or StatementKind.ConsultationRequest or StatementKind.ConsultationAnswer
                or StatementKind.ConsultationMeetingRequest or StatementKind.ConsultationMeeting => Step(s, body, refs),
            _ => throw new ArgumentOutOfRangeException(nameof(s), s.Kind, "not a kind of statement"),
        };
    }

    /// <summary>A party's own act: the librarian may not state it, and <paramref name="party"/> must be the author.</summary>
    private static void OwnAct(Statement s, PartyId party, string field, string what)
    {
        if (s.Author == Librarian)
        {
            throw new BodyRuleException(BodyRules.LibrarianReportsOnly, $"{field}: the librarian may not state {what} of {party}; only {party} may");
        }

        if (party != s.Author)
        {
            throw new BodyRuleException(BodyRules.OwnDeclaration, $"{field}: '{party}' is not the author {s.Author}; a party states {what} only for itself");
        }
    }

    /// <summary>A fact the librarian may report, or a party may state about itself (one of <paramref name="parties"/>).</summary>
    private static void ReportedOrOwn(Statement s, IReadOnlyCollection<PartyId> parties, string field, string what)
    {
        if (s.Author != Librarian && !parties.Contains(s.Author))
        {
            throw new BodyRuleException(BodyRules.OwnDeclaration,
                $"{field}: {s.Author} is not {(parties.Count == 0 ? "named" : string.Join(" or ", parties))}; a party states {what} only about itself (the librarian reports the others)");
        }
    }

    private static BodyClaims DeploymentDeclaration(Statement s, JsonElement body, List<Reference> refs)
    {
        var b = new BodyReader(body, "", refs, "id", "owner", "host", "site", "area", "location", "system", "quantity", "unit", "permanence",
            "mission", "from", "to", "provenance", "description", "note", "sources", "confidence");
        var id = b.Slug("id", required: true)!;
        var owner = b.Party("owner", required: true)!.Value;
        var host = b.Party("host", check: f => f.Parties == "state" ? null
            : new RuleBreach(BodyRules.ReferenceResolves, $"host: '{f.Id}' is not a state (its kind is {f.Parties}); a host is the state whose territory it is"));
        b.Ref("site", Site, check: f => host is { } h && !f.Names(h)
            ? new RuleBreach(BodyRules.ReferenceResolves, $"host: '{h}' differs from the host of site '{f.Id}' ('{f.Parties}')")
            : null);
        if (host is null && !b.Has("site"))
        {
            throw BodyReader.Fail("host", "missing; give 'host' or a 'site' to take it from");
        }

        b.String("area");
        b.Point("location");
        b.Ref("system", SystemKind);
        b.Quantity("quantity", required: true);
        b.Word("unit", Vocabulary.Unit, required: true);
        b.Word("permanence", Vocabulary.Permanence, required: true);
        b.Word("mission", Vocabulary.Mission, required: true);
        b.Period();
        var provenance = b.Word("provenance", Vocabulary.Provenance, required: true)!;
        b.String("description");
        b.String("note");
        b.Evidence();
        if (s.Author == Librarian)
        {
            if (provenance != "reported")
            {
                throw new BodyRuleException(BodyRules.LibrarianReportsOnly, provenance == "declared"
                    ? $"provenance: the librarian may not state {owner}'s declaration; a declared deployment is signed by its owner (the librarian states 'reported')"
                    : $"provenance: the librarian states only reported deployments, not '{provenance}' (what an observer saw is its observation)");
            }
        }
        else
        {
            OwnAct(s, owner, "owner", "a deployment declaration");
            if (provenance != "declared")
            {
                throw new BodyRuleException(BodyRules.OwnDeclaration,
                    $"provenance: a party's deployment declaration is 'declared', not '{provenance}' (what others saw is an observation)");
            }
        }

        return new BodyClaims { Id = id, Parties = owner.Code, References = refs };
    }

    private static BodyClaims DeploymentChange(Statement s, JsonElement body, List<Reference> refs)
    {
        var b = new BodyReader(body, "", refs, "deployment", "quantity", "unit", "permanence", "mission", "from", "to", "description", "note",
            "sources", "confidence");
        b.Ref("deployment", Deployment, required: true, check: f =>
            f.Names(s.Author) || (s.Author == Librarian && f.Author == Librarian) ? null
                : new RuleBreach(s.Author == Librarian ? BodyRules.LibrarianReportsOnly : BodyRules.OwnDeclaration,
                    $"deployment: '{f.Id}' is {f.Parties}'s deployment; only {f.Parties} (or the librarian, for one it reported) may change it, not {s.Author}"));
        b.Quantity("quantity");
        b.Word("unit", Vocabulary.Unit);
        b.Word("permanence", Vocabulary.Permanence);
        b.Word("mission", Vocabulary.Mission);
        b.Period(required: false);
        b.String("description");
        b.String("note");
        b.Evidence(required: false);
        return new BodyClaims { References = refs };
    }

    private static BodyClaims Notification(Statement s, JsonElement body, List<Reference> refs)
    {
        var b = new BodyReader(body, "", refs, "id", "notifier", "kind", "activity", "deployment", "given", "troops", "note", "sources", "confidence");
        var id = b.Slug("id", required: true)!;
        var notifier = b.Party("notifier", required: true)!.Value;
        OwnAct(s, notifier, "notifier", "a notification");
        b.Word("kind", Vocabulary.NotificationKind, required: true);
        b.Ref("activity", ActivityKind);
        b.Ref("deployment", Deployment);
        b.Date("given", required: true);
        b.Quantity("troops");
        b.String("note");
        b.Evidence();
        return new BodyClaims { Id = id, Parties = notifier.Code, References = refs };
    }

    private static BodyClaims Membership(Statement s, JsonElement body, List<Reference> refs)
    {
        var b = new BodyReader(body, "", refs, "id", "alliance", "member", "joined", "left", "note", "sources", "confidence");
        var id = b.Slug("id", required: true)!;
        var alliance = b.Party("alliance", required: true, check: f => f.Parties == "alliance" ? null
            : new RuleBreach(BodyRules.ReferenceResolves, $"alliance: '{f.Id}' is not an alliance (its kind is {f.Parties})"))!.Value;
        var member = b.Party("member", required: true)!.Value;
        b.Period("joined", "left", strictlyAfter: true);
        b.String("note");
        b.Evidence();
        ReportedOrOwn(s, [member, alliance], "member", "a membership");
        return new BodyClaims { Id = id, Parties = $"{alliance} {member}", References = refs };
    }

    private static BodyClaims Observation(Statement s, JsonElement body, List<Reference> refs)
    {
        var b = new BodyReader(body, "", refs, "id", "observer", "subject", "date", "from", "to", "where", "hosts", "location", "what", "quantity",
            "scope", "provenance", "note", "sources", "confidence");
        var id = b.Slug("id", required: true)!;
        var observer = b.Party("observer", required: true)!.Value;

        var subject = b.Party("subject", required: true)!.Value;
        if (b.Has("date"))
        {
            if (b.Has("from") || b.Has("to"))
            {
                throw BodyReader.Fail("date", "give either 'date' or 'from'/'to', not both");
            }

            b.Date("date", required: true);
        }
        else
        {
            b.Period();
        }

        b.String("where");
        b.Parties("hosts", nonEmpty: false);
        b.Point("location");
        var what = b.String("what", required: true)!;
        if (what is not ("troops" or "battalion-tactical-groups"))
        {
            if (!Core.Slug.IsValid(what))
            {
                throw BodyReader.Fail("what", $"expected \"troops\", \"battalion-tactical-groups\" or a catalogue system id, found \"{BodyReader.Clip(what)}\"");
            }

            refs.Add(new Reference(what, "what", SystemKind));
        }

        b.Quantity("quantity", required: true);
        b.String("scope");
        var provenance = b.Word("provenance", Vocabulary.Provenance) ?? "observed";
        b.String("note");
        b.Evidence();

        // A party observes in its own name; the librarian only reports what a published source says someone observed.
        if (s.Author == Librarian)
        {
            if (provenance != "reported")
            {
                throw new BodyRuleException(BodyRules.LibrarianReportsOnly,
                    $"provenance: the librarian states only reported observations ('reported'), not '{provenance}' in {observer}'s name");
            }
        }
        else if (observer != s.Author)
        {
            throw new BodyRuleException(BodyRules.OwnObservation, $"observer: '{observer}' is not the author {s.Author}; an observation is stated in its observer's own name");
        }

        return new BodyClaims { Id = id, Parties = subject.Code, References = refs };
    }

    private static BodyClaims Batch(Statement s, JsonElement body, List<Reference> refs)
    {
        // "sources": the publications the batch's file declares (stated with the batch, so its rows can cite them).
        var b = new BodyReader(body, "", refs, ObservationBatch.RowsMember, ObservationBatch.DigestMember, "file", "first_row", "sources");
        if (b.Find("sources") is { } sources
            && (sources.ValueKind != JsonValueKind.Array || sources.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.Object
                || !x.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || !Core.Slug.IsValid(id.GetString()))))
        {
            throw BodyReader.Fail("sources", "expected an array of sources, each an object with an 'id'");
        }

        var rows = b.Count(ObservationBatch.RowsMember, required: true, min: 1)!.Value;
        var digest = b.String(ObservationBatch.DigestMember, required: true)!;
        if (!ObservationBatch.IsDigestText(digest))
        {
            throw BodyReader.Fail(ObservationBatch.DigestMember, "expected 64 lower-case hex digits");
        }

        b.String("file");
        b.Count("first_row");
        return new BodyClaims { BatchDigest = digest, BatchRows = rows, Parties = s.Author.Code, References = refs };
    }

    private static BodyClaims Position(Statement s, JsonElement body, List<Reference> refs)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw BodyReader.Fail("the body", "expected an object");
        }

        if (s.Author == Librarian)
        {
            throw new BodyRuleException(BodyRules.LibrarianReportsOnly, "a position is a party's own stance; the librarian may not state one");
        }

        foreach (var member in new[] { "party", "by", "author" })
        {
            if (body.TryGetProperty(member, out var v)
                && (v.ValueKind != JsonValueKind.String || !PartyId.IsValidCode(v.GetString()) || v.GetString() != s.Author.Code))
            {
                throw new BodyRuleException(BodyRules.OwnDeclaration, $"{member}: a position is stated by the party whose position it is ({s.Author}), found {BodyReader.Describe(v)}");
            }
        }

        return new BodyClaims { Parties = s.Author.Code, References = refs };
    }

    private static string? AgreementText(JsonElement body, List<Reference> refs)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw BodyReader.Fail("the body", "expected an object");
        }

        _ = refs;
        return null;
    }

    private static BodyClaims KeyRotation(JsonElement body, List<Reference> refs)
    {
        var b = new BodyReader(body, "", refs, StatementValidator.NewKeyMember, "note");
        var text = b.String(StatementValidator.NewKeyMember, required: true)!;
        b.String("note");
        try
        {
            return new BodyClaims { NewKey = VerifierKey.Parse(text), References = refs };
        }
        catch (RecordFormatException e)
        {
            throw BodyReader.Fail(StatementValidator.NewKeyMember, e.Message);
        }
    }

    private static BodyClaims KeyRevocation(JsonElement body, List<Reference> refs)
    {
        var b = new BodyReader(body, "", refs, StatementValidator.RevokedKeyMember, "reason", "note");
        b.String(StatementValidator.RevokedKeyMember, required: true);
        b.String("reason");
        b.String("note");
        return new BodyClaims { References = refs };
    }

    private static BodyClaims Scenario(JsonElement body, List<Reference> refs)
    {
        var b = new BodyReader(body, "", refs, "id", "title", "description");
        b.Slug("id", required: true);
        b.String("title", required: true);
        b.String("description");
        return new BodyClaims { References = refs };
    }

    private static BodyClaims Source(JsonElement body, List<Reference> refs)
    {
        var b = new BodyReader(body, "", refs, "id", "title", "publisher", "date", "url", "kind", "reliability", "origin");
        var id = b.Slug("id", required: true)!;
        if (b.String("reliability") is { } grade && grade is not ("A" or "B" or "C" or "D" or "E" or "F"))
        {
            throw BodyReader.Fail("reliability", $"'{BodyReader.Clip(grade)}' is not a grade; expected one letter of the Admiralty scale, A to F");
        }

        if (b.String("origin") is { } origin && origin is not ("independent" or "international") && !PartyId.IsValidCode(origin))
        {
            throw BodyReader.Fail("origin", $"'{BodyReader.Clip(origin)}' is not an origin; expected a party code, \"international\" or \"independent\"");
        }

        b.String("title", required: true);
        b.String("publisher", required: true);
        var date = b.String("date", required: true)!;
        var ok = date.Length switch
        {
            4 => int.TryParse(date, global::System.Globalization.NumberStyles.None, global::System.Globalization.CultureInfo.InvariantCulture, out _),
            7 => DateOnly.TryParseExact(date + "-01", "yyyy-MM-dd", out _),
            10 => DateOnly.TryParseExact(date, "yyyy-MM-dd", out _),
            _ => false,
        };
        if (!ok)
        {
            throw BodyReader.Fail("date", $"expected a date like \"2021-12-17\", \"2021-12\" or \"2021\", found \"{BodyReader.Clip(date)}\"");
        }

        b.String("url");
        b.Word("kind", Vocabulary.SourceKind, required: true);
        return new BodyClaims { Id = id, References = refs };
    }

    private static BodyClaims Party(Statement s, JsonElement body, List<Reference> refs)
    {
        var b = new BodyReader(body, "", refs, "id", "name", "kind", "within", "sources", "confidence");
        var id = b.Party("id", required: true, resolve: false)!.Value;
        b.String("name", required: true);
        var kind = b.Word("kind", Vocabulary.PartyKind, required: true)!;
        b.Party("within");
        b.Evidence(required: kind != "state");
        ReportedOrOwn(s, [id], "id", "what a party is");
        return new BodyClaims { Id = id.Code, Parties = kind, References = refs };
    }

    private static BodyClaims System(Statement s, JsonElement body, List<Reference> refs)
    {
        var b = new BodyReader(body, "", refs, "id", "name", "owner", "category", "launch", "guidance", "role", "nuclear", "range_km", "fires", "note",
            "sources", "confidence");
        var id = b.Slug("id", required: true)!;
        b.String("name", required: true);
        var owner = b.Party("owner");
        b.Word("category", Vocabulary.SystemCategory, required: true);
        b.Word("launch", Vocabulary.LaunchMode, required: true);
        b.Word("guidance", Vocabulary.Guidance);
        b.Word("role", Vocabulary.Role, required: true);
        b.Word("nuclear", Vocabulary.Nuclear, required: true);
        b.Quantity("range_km", whole: false);
        if (b.Find("fires") is { } fires)
        {
            if (fires.ValueKind != JsonValueKind.Array)
            {
                throw BodyReader.Fail("fires", "expected an array of {\"system\", \"sources\", \"confidence\"}");
            }

            var i = 0;
            foreach (var fire in fires.EnumerateArray())
            {
                var f = new BodyReader(fire, $"fires[{i++}].", refs, "system", "note", "sources", "confidence");
                f.Ref("system", SystemKind, required: true);
                f.String("note");
                f.Evidence();
            }
        }

        b.String("note");
        b.Evidence();
        ReportedOrOwn(s, owner is { } o ? [o] : [], "owner", "a system");
        return new BodyClaims { Id = id, Parties = owner?.Code ?? "", References = refs };
    }

    private static BodyClaims SiteFact(Statement s, JsonElement body, List<Reference> refs)
    {
        var b = new BodyReader(body, "", refs, "id", "name", "host", "kind", "location", "accuracy_km", "note", "sources", "confidence");
        var id = b.Slug("id", required: true)!;
        b.String("name", required: true);
        var host = b.Party("host", required: true)!.Value;
        b.Word("kind", Vocabulary.SiteKind, required: true);
        b.Point("location", required: true);
        b.Number("accuracy_km", min: 0, max: 40_075);
        b.String("note");
        b.Evidence();
        ReportedOrOwn(s, [host], "host", "a site");
        return new BodyClaims { Id = id, Parties = host.Code, References = refs };
    }

    private static BodyClaims Control(Statement s, JsonElement body, List<Reference> refs)
    {
        var b = new BodyReader(body, "", refs, "id", "area", "controller", "from", "to", "note", "sources", "confidence");
        var id = b.Slug("id", required: true)!;
        b.Slug("area", required: true);
        var controller = b.Party("controller", required: true)!.Value;
        b.Period();
        b.String("note");
        b.Evidence();
        ReportedOrOwn(s, [controller], "controller", "control of an area");
        return new BodyClaims { Id = id, Parties = controller.Code, References = refs };
    }

    private static BodyClaims Consent(Statement s, JsonElement body, List<Reference> refs)
    {
        var b = new BodyReader(body, "", refs, "id", "host", "party", "stance", "by", "deployments", "basis", "from", "to", "provenance", "note",
            "sources", "confidence");
        var id = b.Slug("id", required: true)!;
        var host = b.Party("host", required: true, check: f => f.Parties == "state" ? null
            : new RuleBreach(BodyRules.ReferenceResolves, $"host: '{f.Id}' is not a state (its kind is {f.Parties}); consent is given by the state whose territory it is"))!.Value;
        var party = b.Party("party", required: true)!.Value;
        if (party == host)
        {
            throw BodyReader.Fail("party", $"'{party}' is the host itself; consent concerns a foreign party's forces");
        }

        b.Word("stance", Vocabulary.ConsentStance, required: true);
        var by = b.Party("by");
        if (b.Find("deployments") is { } deployments)
        {
            if (deployments.ValueKind != JsonValueKind.Array)
            {
                throw BodyReader.Fail("deployments", "expected an array of deployment ids");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var i = 0;
            foreach (var d in deployments.EnumerateArray())
            {
                var field = $"deployments[{i++}]";
                if (d.ValueKind != JsonValueKind.String || !Core.Slug.IsValid(d.GetString()) || !seen.Add(d.GetString()!))
                {
                    throw BodyReader.Fail(field, $"expected a deployment id listed once, found {BodyReader.Describe(d)}");
                }

                refs.Add(new Reference(d.GetString()!, field, Deployment));
            }
        }

        b.String("basis");
        b.Period();
        var provenance = b.Word("provenance", Vocabulary.Provenance, required: true)!;
        b.String("note");
        b.Evidence();

        // The host's consent is the host's own act: a party states it only for itself; the librarian reports it, never as declared.
        if (s.Author == Librarian)
        {
            if (provenance != "reported")
            {
                throw new BodyRuleException(BodyRules.LibrarianReportsOnly, $"provenance: the librarian states only reported consent, not '{provenance}'; only {host} declares its own");
            }
        }
        else if (s.Author != host && s.Author != by)
        {
            throw new BodyRuleException(BodyRules.OwnDeclaration, $"host: {s.Author} is not the host {host}; a state states its own consent (the librarian reports others')");
        }

        return new BodyClaims { Id = id, Parties = $"{host} {party}", References = refs };
    }

    private static BodyClaims Activity(Statement s, JsonElement body, List<Reference> refs)
    {
        var b = new BodyReader(body, "", refs, "id", "name", "kind", "participants", "hosts", "start", "end", "area", "sites", "troops", "equipment",
            "note", "sources", "confidence");
        var id = b.Slug("id", required: true)!;
        b.String("name", required: true);
        b.Word("kind", Vocabulary.ActivityKind, required: true);
        var participants = b.Parties("participants", required: true, nonEmpty: false);
        b.Parties("hosts", nonEmpty: false);
        b.Period("start", "end");
        b.String("area");
        if (b.Find("sites") is { } sites)
        {
            if (sites.ValueKind != JsonValueKind.Array)
            {
                throw BodyReader.Fail("sites", "expected an array of site ids");
            }

            var i = 0;
            foreach (var site in sites.EnumerateArray())
            {
                var field = $"sites[{i++}]";
                refs.Add(site.ValueKind == JsonValueKind.String && Core.Slug.IsValid(site.GetString())
                    ? new Reference(site.GetString()!, field, Site)
                    : throw BodyReader.Fail(field, $"expected a site id, found {BodyReader.Describe(site)}"));
            }
        }

        b.Quantity("troops");
        if (b.Find("equipment") is { } equipment)
        {
            if (equipment.ValueKind != JsonValueKind.Array)
            {
                throw BodyReader.Fail("equipment", "expected an array of {\"unit\", \"quantity\", \"system\"}");
            }

            var i = 0;
            foreach (var item in equipment.EnumerateArray())
            {
                var e = new BodyReader(item, $"equipment[{i++}].", refs, "unit", "quantity", "system");
                e.Word("unit", Vocabulary.Unit, required: true);
                e.Quantity("quantity", required: true);
                e.Ref("system", SystemKind);
            }
        }

        b.String("note");
        b.Evidence();
        ReportedOrOwn(s, participants, "participants", "an activity");
        return new BodyClaims { Id = id, Parties = string.Join(' ', participants.Select(p => p.Code)), References = refs };
    }

    /// <summary>The verification steps: their fields, who may state each, and that the stated date is not after the signing time.</summary>
    private static BodyClaims Step(Statement s, JsonElement body, List<Reference> refs)
    {
        string[] Fields(params string[] own) => [.. StepCommon, .. own];
        BodyReader b;
        string? id = null;
        var parties = "";
        var kind = s.Kind.WireName();
        if (s.Author == Librarian)
        {
            throw new BodyRuleException(BodyRules.LibrarianReportsOnly, $"a {kind} is a party's own act; the librarian may not state one");
        }

        RuleBreach? AuthorIs(StatedFact request, bool receiving, string role) =>
            (receiving ? request.Names(s.Author) : request.Author == s.Author) ? null
                : new RuleBreach(BodyRules.OwnDeclaration,
                    $"request: a {kind} under '{request.Id}' is stated by {(receiving ? request.Parties : request.Author.Code)}, {role}, not {s.Author}");

        RuleBreach? NotBefore(StatedFact answered, string at) =>
            StepTime.TryParse(at, out var mine) && StepTime.TryParse(answered.At, out var theirs) && mine.IsBefore(theirs)
                ? new RuleBreach(BodyRules.StepNotBeforeAnswered, $"at: {at} is before '{answered.Id}' it answers ({answered.At})")
                : null;

        switch (s.Kind)
        {
            case StatementKind.InspectionDesignation:
            {
                b = new BodyReader(body, "", refs, Fields("regime", "side", "sites"));
                b.Slug("regime", required: true);
                b.String("side", required: true);
                var sites = b.Required("sites");
                if (sites.ValueKind != JsonValueKind.Array || sites.GetArrayLength() == 0)
                {
                    throw BodyReader.Fail("sites", "expected a non-empty array of site ids");
                }

                var i = 0;
                foreach (var site in sites.EnumerateArray())
                {
                    var field = $"sites[{i++}]";
                    refs.Add(site.ValueKind == JsonValueKind.String && Core.Slug.IsValid(site.GetString())
                        ? new Reference(site.GetString()!, field, Site)
                        : throw BodyReader.Fail(field, $"expected a site id, found {BodyReader.Describe(site)}"));
                }

                break;
            }

            case StatementKind.InspectionRequest:
            {
                b = new BodyReader(body, "", refs, Fields("id", "regime", "receiving", "site", "area", "visit_from", "team_size", "checks"));
                id = b.Slug("id", required: true);
                b.Slug("regime", required: true);
                var receiving = b.Party("receiving", required: true, resolve: false)!.Value;
                if (receiving == s.Author)
                {
                    throw new BodyRuleException(BodyRules.OwnDeclaration, $"receiving: {s.Author} cannot ask to inspect itself");
                }

                if (b.Has("site") == b.Has("area"))
                {
                    throw BodyReader.Fail("site", "give either 'site' (a site id) or 'area' (a specified area in words)");
                }

                b.Ref("site", Site);
                b.String("area");
                b.Moment("visit_from", required: true);
                b.Count("team_size", required: true, min: 1, max: 1000);
                b.Strings("checks", nonEmpty: false);
                parties = receiving.Code;
                break;
            }

            case StatementKind.InspectionAnswer:
            {
                b = new BodyReader(body, "", refs, Fields("request", "accepted", "reason"));
                var accepted = b.Bool("accepted", required: true)!.Value;
                if (b.String("reason") is null && !accepted)
                {
                    throw BodyReader.Fail("reason", "a refusal needs its 'reason'");
                }

                var at = b.Moment("at", required: true)!;
                b.Ref("request", InspectionRequest, required: true, check: r => AuthorIs(r, true, "the receiving party") ?? NotBefore(r, at));
                break;
            }

            case StatementKind.InspectionVisit:
            {
                b = new BodyReader(body, "", refs, Fields("request", "from", "to", "team_size"));
                var from = b.Moment("from", required: true)!;
                var to = b.Moment("to", required: true)!;
                if (StepTime.TryParse(to, out var t) && StepTime.TryParse(from, out var f) && t.IsBefore(f))
                {
                    throw BodyReader.Fail("to", $"the visit ends ({to}) before it starts ({from})");
                }

                b.Count("team_size", required: true, min: 1, max: 1000);
                var at = b.Moment("at", required: true)!;
                b.Ref("request", InspectionRequest, required: true, check: r => AuthorIs(r, false, "the inspecting party") ?? NotBefore(r, at));
                break;
            }

            case StatementKind.InspectionReport:
            {
                b = new BodyReader(body, "", refs, Fields("request", "items"));
                var items = b.Required("items");
                if (items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
                {
                    throw BodyReader.Fail("items", "expected an array of at least one item");
                }

                var i = 0;
                foreach (var item in items.EnumerateArray())
                {
                    var r = new BodyReader(item, $"items[{i++}].", refs, "check", "text", "present", "count");
                    r.Slug("check", required: true);
                    r.String("text", required: true);
                    r.Bool("present");
                    r.Count("count", max: int.MaxValue);
                }

                var at = b.Moment("at", required: true)!;
                b.Ref("request", InspectionRequest, required: true, check: r => AuthorIs(r, false, "the inspecting party") ?? NotBefore(r, at));
                break;
            }

            case StatementKind.InspectionCountersignature:
            case StatementKind.InspectionDissent:
            {
                var dissent = s.Kind == StatementKind.InspectionDissent;
                b = new BodyReader(body, "", refs, dissent ? Fields("request", "reason", "items") : Fields("request"));
                if (dissent)
                {
                    b.String("reason", required: true);
                    if (b.Find("items") is { } items)
                    {
                        if (items.ValueKind != JsonValueKind.Array)
                        {
                            throw BodyReader.Fail("items", "expected an array of item numbers");
                        }

                        var i = 0;
                        foreach (var item in items.EnumerateArray())
                        {
                            BodyReader.CountOf(item, $"items[{i++}]", 1, int.MaxValue);
                        }
                    }
                }

                var at = b.Moment("at", required: true)!;
                b.Ref("request", InspectionRequest, required: true, check: r => AuthorIs(r, true, "the inspected party") ?? NotBefore(r, at));
                break;
            }

            case StatementKind.ConsultationRequest:
            {
                b = new BodyReader(body, "", refs, Fields("id", "regime", "to", "subject", "answer_known"));
                id = b.Slug("id", required: true);
                b.Slug("regime", required: true);
                var to = b.Parties("to", required: true, resolve: false);
                if (to.Contains(s.Author))
                {
                    throw new BodyRuleException(BodyRules.OwnDeclaration, $"to: {s.Author} cannot ask itself for an explanation");
                }

                b.String("subject", required: true);
                b.Bool("answer_known");
                parties = string.Join(' ', to.Select(p => p.Code));
                break;
            }

            case StatementKind.ConsultationAnswer:
            {
                b = new BodyReader(body, "", refs, Fields("request", "text"));
                b.String("text", required: true);
                var at = b.Moment("at", required: true)!;
                b.Ref("request", ConsultationRequest, required: true, check: r => AuthorIs(r, true, "a party it was addressed to") ?? NotBefore(r, at));
                break;
            }

            case StatementKind.ConsultationMeetingRequest:
            {
                b = new BodyReader(body, "", refs, Fields("id", "request", "with", "forum"));
                id = b.Slug("id", required: true);
                var with = b.Parties("with", required: true, resolve: false);
                b.String("forum");
                var at = b.Moment("at", required: true)!;
                b.Ref("request", ConsultationRequest, required: true, check: r => AuthorIs(r, false, "who made the request") ?? NotBefore(r, at));
                parties = string.Join(' ', with.Select(p => p.Code));
                break;
            }

            case StatementKind.ConsultationMeeting:
            {
                b = new BodyReader(body, "", refs, Fields("request", "meeting_request", "attended", "absent", "forum"));
                b.Parties("attended", nonEmpty: false, resolve: false);
                b.Parties("absent", nonEmpty: false, resolve: false);
                b.String("forum");
                var at = b.Moment("at", required: true)!;
                b.Ref("request", ConsultationRequest, required: true, check: r =>
                    (r.Author == s.Author || r.Names(s.Author) ? null
                        : new RuleBreach(BodyRules.OwnDeclaration, $"request: a meeting under '{r.Id}' is recorded by {r.Author} or {r.Parties}, not {s.Author}"))
                    ?? NotBefore(r, at));
                b.Ref("meeting_request", MeetingRequest, check: r => NotBefore(r, at));
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(s), s.Kind, null);
        }

        var stated = b.Moment("at", required: true)!;
        b.Sources("sources", steps: true);
        b.Word("confidence", Vocabulary.Confidence, required: true);
        b.String("note");
        if (StepTime.TryParse(stated, out var time) && s.Time < time.Earliest)
        {
            throw new BodyRuleException(BodyRules.StepNotAfterSigning,
                $"at: {stated} is later than the statement's signing time {s.Time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}; a step is stated after it happens");
        }

        return new BodyClaims { Id = id, Parties = parties, At = stated, References = refs };
    }
}

using System.Text.Json;
using System.Collections.Immutable;
using Detente.Core;
using Detente.Data.Json;

namespace Detente.Data;

/// <summary>Reads the JSON object of one fact of each kind of the data format; the reader is on the object's opening brace.</summary>
internal static class FactObjects
{
    public static Source Source(ref JsonReader r, ScenarioContext _)
    {
        var start = r.TokenStart;
        string? id = null, title = null, publisher = null, date = null, url = null, origin = null;
        SourceKind? kind = null;
        char? reliability = null;
        while (r.NextProperty())
        {
            if (r.Is("id"u8)) id = r.ReadSlug("id", "source");
            else if (r.Is("reliability"u8))
            {
                var grade = r.ReadString("reliability");
                reliability = grade is ['A' or 'B' or 'C' or 'D' or 'E' or 'F']
                    ? grade[0]
                    : throw r.Fail("reliability", $"'{Messages.Clip(grade)}' is not a grade; expected one letter of the Admiralty scale, A (completely reliable) to F (cannot be judged)");
            }
            else if (r.Is("origin"u8))
            {
                origin = r.ReadString("origin");
                if (origin is not ("independent" or "international") && !PartyId.IsValidCode(origin))
                {
                    throw r.Fail("origin", $"'{Messages.Clip(origin)}' is not an origin; expected a party code (e.g. \"RUS\"), \"international\" or \"independent\"");
                }
            }
            else if (r.Is("title"u8)) title = r.ReadString("title");
            else if (r.Is("publisher"u8)) publisher = r.ReadString("publisher");
            else if (r.Is("date"u8)) date = ReadPartialDate(ref r, "date");
            else if (r.Is("url"u8)) url = r.ReadOptionalString("url");
            else if (r.Is("kind"u8)) kind = r.ReadEnum("kind", Vocabulary.SourceKind);
            else throw r.UnknownField("", ["id", "title", "publisher", "date", "url", "kind", "reliability", "origin"]);
        }

        return new Source(
            new SourceId(Required(ref r, start, id, "id")),
            Required(ref r, start, title, "title"),
            Required(ref r, start, publisher, "publisher"),
            Required(ref r, start, date, "date"),
            url,
            Required(ref r, start, kind, "kind")) { Reliability = reliability, Origin = origin };
    }

    public static Party Party(ref JsonReader r, ScenarioContext context)
    {
        var start = r.TokenStart;
        string? id = null, name = null, withinCode = null;
        PartyKind? kind = null;
        var evidence = new EvidenceFields();
        long withinAt = 0;
        while (r.NextProperty())
        {
            if (r.Is("id"u8))
            {
                id = r.ReadString("id");
                if (!PartyId.IsValidCode(id))
                {
                    throw r.Fail("id", $"'{Messages.Clip(id)}' is not a party code; expected 2 to 24 upper-case letters, digits or '-'");
                }
            }
            else if (r.Is("name"u8)) name = r.ReadString("name");
            else if (r.Is("kind"u8)) kind = r.ReadEnum("kind", Vocabulary.PartyKind);
            else if (r.Is("within"u8))
            {
                withinCode = r.ReadString("within");
                withinAt = r.TokenStart;
            }
            else if (!evidence.TryRead(ref r, "", context)) throw r.UnknownField("", ["id", "name", "kind", "within", "sources", "confidence"]);
        }

        var partyKind = Required(ref r, start, kind, "kind");
        var ev = partyKind == PartyKind.State ? evidence.BuildOptional(ref r, start) : evidence.Build(ref r, start);
        if (withinCode is not null && !PartyId.IsValidCode(withinCode))
        {
            throw r.FailAt(withinAt, "within", $"'{Messages.Clip(withinCode)}' is not a party code");
        }

        return new Party(
            new PartyId(Required(ref r, start, id, "id")),
            Required(ref r, start, name, "name"),
            partyKind,
            withinCode is null ? null : new PartyId(withinCode),
            ev);
    }

    public static Membership Membership(ref JsonReader r, ScenarioContext context)
    {
        var start = r.TokenStart;
        string? id = null, note = null;
        PartyId? alliance = null, member = null;
        DateOnly? joined = null, left = null;
        long leftAt = 0;
        var evidence = new EvidenceFields();
        while (r.NextProperty())
        {
            if (r.Is("id"u8)) id = r.ReadSlug("id", "fact");
            else if (r.Is("alliance"u8)) alliance = r.ReadParty("alliance", context);
            else if (r.Is("member"u8)) member = r.ReadParty("member", context);
            else if (r.Is("joined"u8)) joined = r.ReadDate("joined");
            else if (r.Is("left"u8))
            {
                left = r.ReadDate("left");
                leftAt = r.TokenStart;
            }
            else if (r.Is("note"u8)) note = r.ReadString("note");
            else if (!evidence.TryRead(ref r, "", context)) throw r.UnknownField("", ["id", "alliance", "member", "joined", "left", "note", "sources", "confidence"]);
        }

        var from = Required(ref r, start, joined, "joined");
        if (left is { } l && l <= from)
        {
            throw r.FailAt(leftAt, "left", $"{l:yyyy-MM-dd} is not after 'joined' {from:yyyy-MM-dd}");
        }

        var allianceId = Required(ref r, start, alliance, "alliance");
        if (context.PartyById[allianceId.Code].Kind != PartyKind.Alliance)
        {
            throw r.FailAt(start, "alliance", $"'{allianceId}' is not an alliance (its kind is {Vocabulary.WordFor(context.PartyById[allianceId.Code].Kind)})");
        }

        return new Membership(
            new FactId(Required(ref r, start, id, "id")),
            allianceId,
            Required(ref r, start, member, "member"),
            new Period(from, left?.AddDays(-1)),
            evidence.Build(ref r, start),
            note);
    }

    public static Control Control(ref JsonReader r, ScenarioContext context)
    {
        var start = r.TokenStart;
        string? id = null, area = null, note = null;
        PartyId? controller = null;
        var period = new PeriodFields();
        var evidence = new EvidenceFields();
        while (r.NextProperty())
        {
            if (r.Is("id"u8)) id = r.ReadSlug("id", "fact");
            else if (r.Is("area"u8))
            {
                area = r.ReadSlug("area", "area");
                if (context.AreaIds is { } areas && !areas.Contains(area))
                {
                    throw r.Fail("area", Messages.Unknown("area", area, areas) + " (areas are features of geo/control-areas.geojson)");
                }
            }
            else if (r.Is("controller"u8)) controller = r.ReadParty("controller", context);
            else if (r.Is("note"u8)) note = r.ReadString("note");
            else if (!period.TryRead(ref r) && !evidence.TryRead(ref r, "", context))
            {
                throw r.UnknownField("", ["id", "area", "controller", "from", "to", "note", "sources", "confidence"]);
            }
        }

        return new Control(
            new FactId(Required(ref r, start, id, "id")),
            new AreaId(Required(ref r, start, area, "area")),
            Required(ref r, start, controller, "controller"),
            period.Build(ref r, start),
            evidence.Build(ref r, start),
            note);
    }

    public static Site Site(ref JsonReader r, ScenarioContext context)
    {
        var start = r.TokenStart;
        string? id = null, name = null, note = null;
        PartyId? host = null;
        SiteKind? kind = null;
        GeoPoint? location = null;
        double? accuracy = null;
        var evidence = new EvidenceFields();
        while (r.NextProperty())
        {
            if (r.Is("id"u8)) id = r.ReadSlug("id", "site");
            else if (r.Is("name"u8)) name = r.ReadString("name");
            else if (r.Is("host"u8)) host = r.ReadParty("host", context);
            else if (r.Is("kind"u8)) kind = r.ReadEnum("kind", Vocabulary.SiteKind);
            else if (r.Is("location"u8)) location = r.ReadPoint("location");
            else if (r.Is("accuracy_km"u8))
            {
                accuracy = r.ReadNumber("accuracy_km");
                if (accuracy < 0)
                {
                    throw r.Fail("accuracy_km", "expected a distance of 0 or more");
                }
            }
            else if (r.Is("note"u8)) note = r.ReadString("note");
            else if (!evidence.TryRead(ref r, "", context)) throw r.UnknownField("", ["id", "name", "host", "kind", "location", "accuracy_km", "note", "sources", "confidence"]);
        }

        return new Site(
            new SiteId(Required(ref r, start, id, "id")),
            Required(ref r, start, name, "name"),
            Required(ref r, start, host, "host"),
            Required(ref r, start, kind, "kind"),
            Required(ref r, start, location, "location"),
            accuracy ?? 0,
            evidence.Build(ref r, start),
            note);
    }

    public static Deployment Deployment(ref JsonReader r, ScenarioContext context)
    {
        var start = r.TokenStart;
        string? id = null, area = null, description = null, note = null;
        PartyId? owner = null, host = null;
        Site? site = null;
        SystemId? system = null;
        GeoPoint? location = null;
        Quantity? quantity = null;
        ForceUnit? unit = null;
        Permanence? permanence = null;
        Mission? mission = null;
        Provenance? provenance = null;
        long hostAt = 0;
        var period = new PeriodFields();
        var evidence = new EvidenceFields();
        while (r.NextProperty())
        {
            if (r.Is("id"u8)) id = r.ReadSlug("id", "deployment");
            else if (r.Is("owner"u8)) owner = r.ReadParty("owner", context);
            else if (r.Is("host"u8))
            {
                host = r.ReadParty("host", context);
                hostAt = r.TokenStart;
            }
            else if (r.Is("site"u8)) site = ReadSite(ref r, "site", context);
            else if (r.Is("area"u8)) area = r.ReadString("area");
            else if (r.Is("location"u8)) location = r.ReadPoint("location");
            else if (r.Is("system"u8)) system = ReadSystem(ref r, "system", context);
            else if (r.Is("quantity"u8)) quantity = r.ReadQuantity("quantity", context);
            else if (r.Is("unit"u8)) unit = r.ReadEnum("unit", Vocabulary.Unit);
            else if (r.Is("permanence"u8)) permanence = r.ReadEnum("permanence", Vocabulary.Permanence);
            else if (r.Is("mission"u8)) mission = r.ReadEnum("mission", Vocabulary.Mission);
            else if (r.Is("provenance"u8)) provenance = r.ReadEnum("provenance", Vocabulary.Provenance);
            else if (r.Is("description"u8)) description = r.ReadString("description");
            else if (r.Is("note"u8)) note = r.ReadString("note");
            else if (!period.TryRead(ref r) && !evidence.TryRead(ref r, "", context))
            {
                throw r.UnknownField("", ["id", "owner", "host", "site", "area", "location", "system", "quantity", "unit", "permanence",
                    "mission", "from", "to", "provenance", "description", "note", "sources", "confidence"]);
            }
        }

        if (site is not null && host is { } h && h != site.Host)
        {
            throw r.FailAt(hostAt, "host", $"'{h}' differs from the host of site '{site.Id}' ('{site.Host}')");
        }

        var hostId = host ?? site?.Host ?? throw r.FailAt(start, null, "missing field 'host' (or a 'site' to take it from)");
        if (context.PartyById[hostId.Code].Kind != PartyKind.State)
        {
            throw r.FailAt(hostAt, "host", $"'{hostId}' is not a state; a host is the state whose territory it is");
        }

        return new Deployment(
            new FactId(Required(ref r, start, id, "id")),
            Required(ref r, start, owner, "owner"),
            hostId,
            site?.Id,
            area,
            location,
            system,
            Required(ref r, start, quantity, "quantity"),
            Required(ref r, start, unit, "unit"),
            Required(ref r, start, permanence, "permanence"),
            Required(ref r, start, mission, "mission"),
            period.Build(ref r, start),
            Required(ref r, start, provenance, "provenance"),
            evidence.Build(ref r, start),
            description,
            note);
    }

    public static Consent Consent(ref JsonReader r, ScenarioContext context)
    {
        var start = r.TokenStart;
        string? id = null, basis = null, note = null;
        PartyId? host = null, party = null, by = null;
        ConsentStance? stance = null;
        Provenance? provenance = null;
        long hostAt = 0, partyAt = 0;
        var deployments = ImmutableArray.CreateBuilder<FactId>();
        var period = new PeriodFields();
        var evidence = new EvidenceFields();
        while (r.NextProperty())
        {
            if (r.Is("id"u8)) id = r.ReadSlug("id", "consent");
            else if (r.Is("host"u8))
            {
                host = r.ReadParty("host", context);
                hostAt = r.TokenStart;
            }
            else if (r.Is("party"u8))
            {
                party = r.ReadParty("party", context);
                partyAt = r.TokenStart;
            }
            else if (r.Is("stance"u8)) stance = r.ReadEnum("stance", Vocabulary.ConsentStance);
            else if (r.Is("by"u8)) by = r.ReadParty("by", context);
            else if (r.Is("deployments"u8))
            {
                r.ExpectStartArray("deployments", "a list of deployment ids");
                while (r.NextElement())
                {
                    var field = $"deployments[{deployments.Count}]";
                    if (r.TokenType != global::System.Text.Json.JsonTokenType.String)
                    {
                        throw r.Fail(field, $"expected a deployment id, found {r.Describe()}");
                    }

                    var d = r.CurrentString();
                    if (!context.Deployments.Contains(d))
                    {
                        throw r.Fail(field, Messages.Unknown("deployment", d, context.Deployments));
                    }

                    if (deployments.Contains(new FactId(d)))
                    {
                        throw r.Fail(field, $"'{d}' is listed twice");
                    }

                    deployments.Add(new FactId(d));
                }
            }
            else if (r.Is("basis"u8)) basis = r.ReadString("basis");
            else if (r.Is("provenance"u8)) provenance = r.ReadEnum("provenance", Vocabulary.Provenance);
            else if (r.Is("note"u8)) note = r.ReadString("note");
            else if (!period.TryRead(ref r) && !evidence.TryRead(ref r, "", context))
            {
                throw r.UnknownField("", ["id", "host", "party", "stance", "by", "deployments", "basis", "from", "to", "provenance", "note",
                    "sources", "confidence"]);
            }
        }

        var hostId = Required(ref r, start, host, "host");
        if (context.PartyById[hostId.Code].Kind != PartyKind.State)
        {
            throw r.FailAt(hostAt, "host", $"'{hostId}' is not a state; consent is given by the state whose territory it is");
        }

        var partyId = Required(ref r, start, party, "party");
        if (partyId == hostId)
        {
            throw r.FailAt(partyAt, "party", $"'{partyId}' is the host itself; consent concerns a foreign party's forces");
        }

        return new Consent(
            new FactId(Required(ref r, start, id, "id")),
            hostId,
            partyId,
            Required(ref r, start, stance, "stance"),
            period.Build(ref r, start),
            Required(ref r, start, provenance, "provenance"),
            evidence.Build(ref r, start),
            by,
            deployments.ToImmutable(),
            basis,
            note);
    }

    public static Activity Activity(ref JsonReader r, ScenarioContext context)
    {
        var start = r.TokenStart;
        string? id = null, name = null, area = null, note = null;
        ActivityKind? kind = null;
        ImmutableArray<PartyId>? participants = null, hosts = null;
        DateOnly? first = null, last = null;
        long lastAt = 0;
        var sites = ImmutableArray<SiteId>.Empty;
        Quantity? troops = null;
        var equipment = ImmutableArray<EquipmentCount>.Empty;
        var evidence = new EvidenceFields();
        while (r.NextProperty())
        {
            if (r.Is("id"u8)) id = r.ReadSlug("id", "activity");
            else if (r.Is("name"u8)) name = r.ReadString("name");
            else if (r.Is("kind"u8)) kind = r.ReadEnum("kind", Vocabulary.ActivityKind);
            else if (r.Is("participants"u8)) participants = r.ReadParties("participants", context);
            else if (r.Is("hosts"u8)) hosts = r.ReadParties("hosts", context);
            else if (r.Is("start"u8)) first = r.ReadDate("start");
            else if (r.Is("end"u8))
            {
                last = r.ReadDate("end");
                lastAt = r.TokenStart;
            }
            else if (r.Is("area"u8)) area = r.ReadString("area");
            else if (r.Is("sites"u8))
            {
                r.ExpectStartArray("sites", "a list of site ids");
                var builder = ImmutableArray.CreateBuilder<SiteId>();
                while (r.NextElement())
                {
                    builder.Add(CurrentSite(ref r, $"sites[{builder.Count}]", context).Id);
                }

                sites = builder.ToImmutable();
            }
            else if (r.Is("troops"u8)) troops = r.ReadQuantity("troops", context);
            else if (r.Is("equipment"u8)) equipment = ReadEquipment(ref r, context);
            else if (r.Is("note"u8)) note = r.ReadString("note");
            else if (!evidence.TryRead(ref r, "", context))
            {
                throw r.UnknownField("", ["id", "name", "kind", "participants", "hosts", "start", "end", "area", "sites", "troops", "equipment",
                    "note", "sources", "confidence"]);
            }
        }

        var from = Required(ref r, start, first, "start");
        var to = Required(ref r, start, last, "end");
        if (to < from)
        {
            throw r.FailAt(lastAt, "end", $"{to:yyyy-MM-dd} is before 'start' {from:yyyy-MM-dd}");
        }

        return new Activity(
            new FactId(Required(ref r, start, id, "id")),
            Required(ref r, start, name, "name"),
            Required(ref r, start, kind, "kind"),
            Required(ref r, start, participants, "participants"),
            hosts ?? [],
            new Period(from, to),
            area,
            sites,
            troops,
            equipment,
            evidence.Build(ref r, start),
            note);
    }

    public static Notification Notification(ref JsonReader r, ScenarioContext context)
    {
        var start = r.TokenStart;
        string? id = null, note = null;
        PartyId? notifier = null;
        NotificationKind? kind = null;
        FactId? activity = null, deployment = null;
        DateOnly? given = null;
        Quantity? troops = null;
        var evidence = new EvidenceFields();
        while (r.NextProperty())
        {
            if (r.Is("id"u8)) id = r.ReadSlug("id", "notification");
            else if (r.Is("notifier"u8)) notifier = r.ReadParty("notifier", context);
            else if (r.Is("kind"u8)) kind = r.ReadEnum("kind", Vocabulary.NotificationKind);
            else if (r.Is("activity"u8))
            {
                var text = r.ReadSlug("activity", "activity");
                activity = context.Activities.Contains(text) ? new FactId(text) : throw r.Fail("activity", Messages.Unknown("activity", text, context.Activities));
            }
            else if (r.Is("deployment"u8))
            {
                var text = r.ReadSlug("deployment", "deployment");
                deployment = context.Deployments.Contains(text) ? new FactId(text) : throw r.Fail("deployment", Messages.Unknown("deployment", text, context.Deployments));
            }
            else if (r.Is("given"u8)) given = r.ReadDate("given");
            else if (r.Is("troops"u8)) troops = r.ReadQuantity("troops", context);
            else if (r.Is("note"u8)) note = r.ReadString("note");
            else if (!evidence.TryRead(ref r, "", context))
            {
                throw r.UnknownField("", ["id", "notifier", "kind", "activity", "deployment", "given", "troops", "note", "sources", "confidence"]);
            }
        }

        return new Notification(
            new FactId(Required(ref r, start, id, "id")),
            Required(ref r, start, notifier, "notifier"),
            Required(ref r, start, kind, "kind"),
            activity,
            deployment,
            Required(ref r, start, given, "given"),
            troops,
            evidence.Build(ref r, start),
            note);
    }

    public static Observation Observation(ref JsonReader r, ScenarioContext context)
    {
        var start = r.TokenStart;
        string? id = null, where = null, what = null, scope = null, note = null;
        PartyId? observer = null, subject = null;
        DateOnly? date = null;
        ImmutableArray<PartyId> hosts = [];
        GeoPoint? location = null;
        Quantity? quantity = null;
        Provenance? provenance = null;
        var period = new PeriodFields();
        var evidence = new EvidenceFields();
        while (r.NextProperty())
        {
            if (r.Is("id"u8)) id = r.ReadSlug("id", "observation");
            else if (r.Is("observer"u8)) observer = r.ReadParty("observer", context);
            else if (r.Is("subject"u8)) subject = r.ReadParty("subject", context);
            else if (r.Is("date"u8)) date = r.ReadDate("date");
            else if (r.Is("where"u8)) where = r.ReadString("where");
            else if (r.Is("hosts"u8)) hosts = r.ReadParties("hosts", context);
            else if (r.Is("location"u8)) location = r.ReadPoint("location");
            else if (r.Is("what"u8))
            {
                what = r.ReadString("what");
                if (what is not ("troops" or "battalion-tactical-groups") && !context.Systems.ContainsKey(what))
                {
                    throw r.Fail("what", Messages.Unknown("system", what, context.Systems.Keys.Append("troops").Append("battalion-tactical-groups"))
                        + "; expected \"troops\", \"battalion-tactical-groups\" or a catalogue system id");
                }
            }
            else if (r.Is("quantity"u8)) quantity = r.ReadQuantity("quantity", context);
            else if (r.Is("scope"u8)) scope = r.ReadString("scope");
            else if (r.Is("provenance"u8)) provenance = r.ReadEnum("provenance", Vocabulary.Provenance);
            else if (r.Is("note"u8)) note = r.ReadString("note");
            else if (!period.TryRead(ref r) && !evidence.TryRead(ref r, "", context))
            {
                throw r.UnknownField("", ["id", "observer", "subject", "date", "from", "to", "where", "hosts", "location", "what", "quantity",
                    "scope", "provenance", "note", "sources", "confidence"]);
            }
        }

        Period when;
        if (date is { } day)
        {
            when = period.IsEmpty ? new Period(day, day) : throw r.FailAt(start, "date", "give either 'date' or 'from'/'to', not both");
        }
        else
        {
            when = period.Build(ref r, start, "'date' or 'from'");
        }

        return new Observation(
            new FactId(Required(ref r, start, id, "id")),
            Required(ref r, start, observer, "observer"),
            Required(ref r, start, subject, "subject"),
            when,
            where,
            hosts,
            location,
            Required(ref r, start, what, "what"),
            Required(ref r, start, quantity, "quantity"),
            scope,
            provenance ?? Provenance.Observed,
            evidence.Build(ref r, start),
            note);
    }

    public static WeaponSystem System(ref JsonReader r, ScenarioContext context)
    {
        var start = r.TokenStart;
        string? id = null, name = null, note = null;
        PartyId? owner = null;
        SystemCategory? category = null;
        LaunchMode? launch = null;
        Guidance? guidance = null;
        SystemRole? role = null;
        NuclearCapability? nuclear = null;
        Quantity? range = null;
        var fires = ImmutableArray<(string Id, long At, Evidence Evidence, string? Note)>.Empty;
        var evidence = new EvidenceFields();
        while (r.NextProperty())
        {
            if (r.Is("id"u8)) id = r.ReadSlug("id", "system");
            else if (r.Is("name"u8)) name = r.ReadString("name");
            else if (r.Is("owner"u8)) owner = r.ReadParty("owner", context);
            else if (r.Is("category"u8)) category = r.ReadEnum("category", Vocabulary.SystemCategory);
            else if (r.Is("launch"u8)) launch = r.ReadEnum("launch", Vocabulary.LaunchMode);
            else if (r.Is("guidance"u8)) guidance = r.ReadEnum("guidance", Vocabulary.Guidance);
            else if (r.Is("role"u8)) role = r.ReadEnum("role", Vocabulary.Role);
            else if (r.Is("nuclear"u8)) nuclear = r.ReadEnum("nuclear", Vocabulary.Nuclear);
            else if (r.Is("range_km"u8)) range = r.ReadQuantity("range_km", context, counts: false);
            else if (r.Is("fires"u8)) fires = ReadFires(ref r, context);
            else if (r.Is("note"u8)) note = r.ReadString("note");
            else if (!evidence.TryRead(ref r, "", context))
            {
                throw r.UnknownField("", ["id", "name", "owner", "category", "launch", "guidance", "role", "nuclear", "range_km", "fires", "note",
                    "sources", "confidence"]);
            }
        }

        var system = new WeaponSystem(
            new SystemId(Required(ref r, start, id, "id")),
            Required(ref r, start, name, "name"),
            owner,
            Required(ref r, start, category, "category"),
            Required(ref r, start, launch, "launch"),
            guidance ?? Guidance.None,
            Required(ref r, start, role, "role"),
            Required(ref r, start, nuclear, "nuclear"),
            range,
            [.. fires.Select(f => new FiringCapability(new SystemId(f.Id), f.Evidence, f.Note))],
            evidence.Build(ref r, start),
            note);
        return system;
    }

    /// <summary>Checks, once the whole catalogue is read, that every <c>fires</c> entry names a catalogue system.</summary>
    public static void CheckFires(IReadOnlyList<WeaponSystem> systems, IReadOnlyList<long> offsets, JsonInput file)
    {
        var ids = systems.Select(s => s.Id).ToHashSet();
        for (var i = 0; i < systems.Count; i++)
        {
            foreach (var fire in systems[i].Fires)
            {
                if (!ids.Contains(fire.System))
                {
                    throw new InputException(file.Locate(offsets[i]), "fires",
                        $"system '{systems[i].Id}' fires {Messages.Unknown("system", fire.System.Value, ids.Select(s => s.Value))}");
                }
            }
        }
    }

    private static ImmutableArray<(string Id, long At, Evidence Evidence, string? Note)> ReadFires(ref JsonReader r, ScenarioContext context)
    {
        r.ExpectStartArray("fires", "a list of systems this launcher fires");
        var builder = ImmutableArray.CreateBuilder<(string, long, Evidence, string?)>();
        while (r.NextElement())
        {
            var field = $"fires[{builder.Count}]";
            if (r.TokenType != JsonTokenType.StartObject)
            {
                throw r.Fail(field, $"expected {{\"system\": ..., \"sources\": [...], \"confidence\": ...}}, found {r.Describe()}");
            }

            var start = r.TokenStart;
            string? system = null, note = null;
            var evidence = new EvidenceFields();
            while (r.NextProperty())
            {
                if (r.Is("system"u8)) system = r.ReadSlug(field + ".system", "system");
                else if (r.Is("note"u8)) note = r.ReadString(field + ".note");
                else if (!evidence.TryRead(ref r, field + ".", context)) throw r.UnknownField(field + ".", ["system", "note", "sources", "confidence"]);
            }

            builder.Add((Required(ref r, start, system, field + ".system"), start, evidence.Build(ref r, start, field + "."), note));
        }

        return builder.ToImmutable();
    }

    private static ImmutableArray<EquipmentCount> ReadEquipment(ref JsonReader r, ScenarioContext context)
    {
        r.ExpectStartArray("equipment", "a list of equipment counts");
        var builder = ImmutableArray.CreateBuilder<EquipmentCount>();
        while (r.NextElement())
        {
            var field = $"equipment[{builder.Count}]";
            if (r.TokenType != JsonTokenType.StartObject)
            {
                throw r.Fail(field, $"expected {{\"unit\": ..., \"quantity\": ...}}, found {r.Describe()}");
            }

            var start = r.TokenStart;
            ForceUnit? unit = null;
            Quantity? quantity = null;
            SystemId? system = null;
            while (r.NextProperty())
            {
                if (r.Is("unit"u8)) unit = r.ReadEnum(field + ".unit", Vocabulary.Unit);
                else if (r.Is("quantity"u8)) quantity = r.ReadQuantity(field + ".quantity", context);
                else if (r.Is("system"u8)) system = ReadSystem(ref r, field + ".system", context);
                else throw r.UnknownField(field + ".", ["unit", "quantity", "system"]);
            }

            builder.Add(new EquipmentCount(Required(ref r, start, unit, field + ".unit"), Required(ref r, start, quantity, field + ".quantity"), system));
        }

        return builder.ToImmutable();
    }

    private static Site ReadSite(ref JsonReader r, string field, ScenarioContext context)
    {
        r.Read();
        return CurrentSite(ref r, field, context);
    }

    private static Site CurrentSite(ref JsonReader r, string field, ScenarioContext context)
    {
        if (r.TokenType != JsonTokenType.String)
        {
            throw r.Fail(field, $"expected a site id, found {r.Describe()}");
        }

        Span<char> chars = stackalloc char[100];
        return r.TryDecode(chars, out var written) && context.TryGetSite(chars[..written], out var site)
            ? site
            : context.Sites.TryGetValue(r.CurrentString(), out site) ? site : throw r.Fail(field, Messages.Unknown("site", r.CurrentString(), context.Sites.Keys));
    }

    private static SystemId ReadSystem(ref JsonReader r, string field, ScenarioContext context)
    {
        var text = r.ReadString(field);
        return context.Systems.TryGetValue(text, out var system)
            ? system.Id
            : throw r.Fail(field, Messages.Unknown("system", text, context.Systems.Keys));
    }

    private static string ReadPartialDate(ref JsonReader r, string field)
    {
        var text = r.ReadString(field);
        var ok = text.Length switch
        {
            4 => int.TryParse(text, out _),
            7 => DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", out _),
            10 => DateOnly.TryParseExact(text, "yyyy-MM-dd", out _),
            _ => false,
        };
        return ok ? text : throw r.Fail(field, $"expected a date like \"2021-12-17\", \"2021-12\" or \"2021\", found \"{Messages.Clip(text)}\"");
    }

    internal static T Required<T>(ref JsonReader r, long start, T? value, string field)
        where T : class =>
        value ?? throw r.FailAt(start, null, $"missing field '{field}'");

    internal static T Required<T>(ref JsonReader r, long start, T? value, string field)
        where T : struct =>
        value ?? throw r.FailAt(start, null, $"missing field '{field}'");

    /// <summary>Collects the <c>sources</c> and <c>confidence</c> of a record.</summary>
    private struct EvidenceFields
    {
        private ImmutableArray<SourceRef> _sources;
        private Confidence? _confidence;
        private int? _credibility;
        private ScenarioContext _context;

        public bool TryRead(ref JsonReader r, string prefix, ScenarioContext context)
        {
            _context = context;
            if (r.Is("sources"u8))
            {
                _sources = r.ReadSources(prefix + "sources", context);
                return true;
            }

            if (r.Is("confidence"u8))
            {
                _confidence = r.ReadEnum(prefix + "confidence", Vocabulary.Confidence);
                return true;
            }

            if (r.Is("credibility"u8))
            {
                _credibility = r.ReadCredibility(prefix + "credibility");
                return true;
            }

            return false;
        }

        public readonly Evidence Build(ref JsonReader r, long start, string prefix = "")
        {
            if (_sources.IsDefault)
            {
                throw r.FailAt(start, null, $"missing field '{prefix}sources'; every fact needs at least one source");
            }

            var c = _confidence ?? throw r.FailAt(start, null, $"missing field '{prefix}confidence'");
            return _credibility is { } grade ? new Evidence(_sources, c) { Credibility = grade } : _context.Evidence(_sources, c);
        }

        public readonly Evidence? BuildOptional(ref JsonReader r, long start) =>
            _sources.IsDefault && _confidence is null && _credibility is null ? null : Build(ref r, start);
    }

    /// <summary>Collects <c>from</c> and <c>to</c> and checks their order.</summary>
    private struct PeriodFields
    {
        private DateOnly? _from;
        private DateOnly? _to;
        private long _toAt;

        public readonly bool IsEmpty => _from is null && _to is null;

        public bool TryRead(ref JsonReader r)
        {
            if (r.Is("from"u8))
            {
                _from = r.ReadDate("from");
                return true;
            }

            if (r.Is("to"u8))
            {
                _to = r.ReadDate("to");
                _toAt = r.TokenStart;
                return true;
            }

            return false;
        }

        public readonly Period Build(ref JsonReader r, long start, string missing = "'from'")
        {
            var first = _from ?? throw r.FailAt(start, null, $"missing field {missing}");
            return _to is { } last && last < first
                ? throw r.FailAt(_toAt, "to", $"{last:yyyy-MM-dd} is before 'from' {first:yyyy-MM-dd}")
                : new Period(first, _to);
        }
    }
}

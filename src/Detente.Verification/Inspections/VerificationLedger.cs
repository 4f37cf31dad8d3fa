using System.Collections.Immutable;
using System.Globalization;
using Detente.Core;
using Detente.Verification.Consultations;
using Detente.Verification.Regimes;
using Detente.Verification.Steps;

namespace Detente.Verification.Inspections;

/// <summary>Whether a step may join the history, and if not, why.</summary>
/// <param name="Accepted">True when the step is valid against the regime and the history.</param>
/// <param name="Reason">Why it was rejected.</param>
public readonly record struct StepCheck(bool Accepted, string? Reason)
{
    /// <summary>Accepted.</summary>
    public static StepCheck Ok { get; } = new(true, null);

    /// <summary>Rejected with a reason.</summary>
    public static StepCheck No(string reason) => new(false, reason);
}

/// <summary>
/// The state machine of inspections and consultations: each step is checked against its regime and the history before it
/// joins (designation before requests where the regime needs it, request within quota and notice, answer by the receiving
/// party to a known request, visit after acceptance, report after the visit, countersignature or dissent after the report).
/// A rejected step changes nothing. Replaying a record keeps rejected steps aside with their reasons.
/// </summary>
public sealed class VerificationLedger
{
    private readonly Dictionary<(string Regime, string Side), DesignationStep> _designations = [];
    private readonly Dictionary<string, InspectionCase> _inspections = new(StringComparer.Ordinal);
    private readonly List<InspectionCase> _inspectionOrder = [];
    private readonly Dictionary<string, ConsultationCase> _consultations = new(StringComparer.Ordinal);
    private readonly List<ConsultationCase> _consultationOrder = [];
    private readonly Dictionary<string, ConsultationCase> _meetingRequests = new(StringComparer.Ordinal);
    private readonly List<(Step Step, string Reason)> _rejected = [];

    // Invariant: each count is the number of requests (pending or accepted, not refused) with that key, so quota and
    // reciprocity checks take constant time however long the history is.
    private readonly Dictionary<(string Regime, PartyId Receiving, int Year), int> _byReceiving = [];
    private readonly Dictionary<(string Regime, PartyId Receiving, PartyId Inspecting, int Year), int> _byInspecting = [];
    private readonly Dictionary<(string Regime, string Side, int Year), int> _bySide = [];

    /// <summary>Creates an empty ledger over <paramref name="regimes"/>; <paramref name="scenario"/> gives sites and declarations.</summary>
    public VerificationLedger(RegimeCatalog regimes, Scenario? scenario)
    {
        ArgumentNullException.ThrowIfNull(regimes);
        Regimes = regimes;
        Scenario = scenario;
    }

    /// <summary>The regimes.</summary>
    public RegimeCatalog Regimes { get; }

    /// <summary>The world the steps refer to (sites, declared deployments), if known.</summary>
    public Scenario? Scenario { get; }

    /// <summary>Designations recorded, by regime and side.</summary>
    public IReadOnlyDictionary<(string Regime, string Side), DesignationStep> Designations => _designations;

    /// <summary>Inspections, in request order.</summary>
    public IReadOnlyList<InspectionCase> Inspections => _inspectionOrder;

    /// <summary>Consultations, in request order.</summary>
    public IReadOnlyList<ConsultationCase> Consultations => _consultationOrder;

    /// <summary>Steps that were not applied during <see cref="Replay"/>, with why.</summary>
    public IReadOnlyList<(Step Step, string Reason)> Rejected => _rejected;

    /// <summary>Builds a ledger from steps in order; invalid ones are kept aside in <see cref="Rejected"/>.</summary>
    public static VerificationLedger Replay(RegimeCatalog regimes, Scenario? scenario, IEnumerable<Step> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var ledger = new VerificationLedger(regimes, scenario);
        foreach (var step in steps)
        {
            var check = ledger.Apply(step);
            if (!check.Accepted)
            {
                ledger._rejected.Add((step, check.Reason!));
            }
        }

        return ledger;
    }

    /// <summary>The inspection with request id <paramref name="id"/>, or null.</summary>
    public InspectionCase? Inspection(string id) => _inspections.GetValueOrDefault(id);

    /// <summary>The consultation with request id <paramref name="id"/>, or null.</summary>
    public ConsultationCase? Consultation(string id) => _consultations.GetValueOrDefault(id);

    /// <summary>Checks a step without applying it.</summary>
    public StepCheck Check(Step step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step switch
        {
            DesignationStep d => CheckDesignation(d),
            InspectionRequestStep r => CheckRequest(r, out _, out _),
            InspectionAnswerStep a => CheckAnswer(a, out _),
            InspectionVisitStep v => CheckVisit(v, out _),
            InspectionReportStep r => CheckReport(r, out _),
            InspectionResponseStep r => CheckResponse(r, out _),
            ConsultationRequestStep c => CheckConsultation(c, out _),
            ConsultationAnswerStep a => CheckConsultationAnswer(a, out _),
            ConsultationMeetingRequestStep m => CheckMeetingRequest(m, out _),
            ConsultationMeetingStep m => CheckMeeting(m, out _),
            _ => StepCheck.No($"'{step.Kind.WireName()}' is not a verification step"),
        };
    }

    /// <summary>Checks a step and applies it when valid; a rejected step changes nothing.</summary>
    public StepCheck Apply(Step step)
    {
        ArgumentNullException.ThrowIfNull(step);
        StepCheck check;
        switch (step)
        {
            case DesignationStep d:
                check = CheckDesignation(d);
                if (check.Accepted)
                {
                    _designations[(d.Regime, d.Side)] = d;
                }

                return check;
            case InspectionRequestStep r:
                check = CheckRequest(r, out var regime, out var side);
                if (check.Accepted)
                {
                    var c = new InspectionCase(r, regime!, side!);
                    _inspections[r.Id] = c;
                    _inspectionOrder.Add(c);
                    Count(c, +1);
                }

                return check;
            case InspectionAnswerStep a:
                check = CheckAnswer(a, out var ca);
                if (check.Accepted)
                {
                    ca!.Answer = a;
                    if (!a.Accepted)
                    {
                        Count(ca, -1);
                    }
                }

                return check;
            case InspectionVisitStep v:
                check = CheckVisit(v, out var cv);
                if (check.Accepted)
                {
                    cv!.Visit = v;
                }

                return check;
            case InspectionReportStep rep:
                check = CheckReport(rep, out var cr);
                if (check.Accepted)
                {
                    cr!.Report = rep;
                }

                return check;
            case InspectionResponseStep resp:
                check = CheckResponse(resp, out var cs);
                if (check.Accepted)
                {
                    cs!.Response = resp;
                }

                return check;
            case ConsultationRequestStep cq:
                check = CheckConsultation(cq, out var cregime);
                if (check.Accepted)
                {
                    var c = new ConsultationCase(cq, cregime!);
                    _consultations[cq.Id] = c;
                    _consultationOrder.Add(c);
                }

                return check;
            case ConsultationAnswerStep ans:
                check = CheckConsultationAnswer(ans, out var cc);
                if (check.Accepted)
                {
                    cc!.Answers = cc.Answers.Add(ans.Author, ans);
                }

                return check;
            case ConsultationMeetingRequestStep mr:
                check = CheckMeetingRequest(mr, out var cm);
                if (check.Accepted)
                {
                    var due = cm!.Regime.Value(RegimeParameters.MeetingHours) is { } h ? mr.At.After(h) : (Moment?)null;
                    cm.MeetingRequests = cm.MeetingRequests.Add(new MeetingRequestCase(mr, due));
                    _meetingRequests[mr.Id] = cm;
                }

                return check;
            case ConsultationMeetingStep m:
                check = CheckMeeting(m, out var cmt);
                if (check.Accepted)
                {
                    cmt!.Meetings = cmt.Meetings.Add(m);
                }

                return check;
            default:
                return StepCheck.No($"'{step.Kind.WireName()}' is not a verification step");
        }
    }

    private Regime? FindRegime(string id, out StepCheck error)
    {
        var regime = Regimes.Find(id);
        error = regime is null
            ? StepCheck.No($"unknown regime '{id}'{Spelling.Suggestion(id, Regimes.All.Select(r => r.Id))}")
            : StepCheck.Ok;
        return regime;
    }

    private static string List(IEnumerable<PartyId> parties, string empty) =>
        parties.Any() ? string.Join(", ", parties.Select(p => p.Code)) : empty;

    private StepCheck CheckDesignation(DesignationStep d)
    {
        if (FindRegime(d.Regime, out var error) is not { } regime)
        {
            return error;
        }

        var side = regime.Sides.FirstOrDefault(s => s.Id == d.Side);
        if (side is null)
        {
            return StepCheck.No($"regime '{regime.Id}' has no side '{d.Side}'{Spelling.Suggestion(d.Side, regime.Sides.Select(s => s.Id))}");
        }

        if (side.Designation is not { } rule)
        {
            return StepCheck.No($"side '{side.Id}' of '{regime.Id}' has no designated sites");
        }

        if (d.Author != rule.By)
        {
            return StepCheck.No($"the sites of side '{side.Id}' of '{regime.Id}' are designated by {rule.By}, not {d.Author}");
        }

        if (_designations.TryGetValue((regime.Id, side.Id), out var earlier))
        {
            return StepCheck.No($"side '{side.Id}' of '{regime.Id}' was already designated on {earlier.At} ({earlier.Where})");
        }

        if (d.Sites.Length != rule.Count || d.Sites.Distinct().Count() != d.Sites.Length)
        {
            return StepCheck.No($"side '{side.Id}' of '{regime.Id}' takes {rule.Count} distinct sites; {d.Sites.Length} given");
        }

        foreach (var site in d.Sites)
        {
            if (!side.Sites.IsEmpty && !side.Sites.Contains(site))
            {
                return StepCheck.No($"site '{site.Value}' is not one of the sites of side '{side.Id}': {string.Join(", ", side.Sites.Select(s => s.Value))}");
            }

            if (Scenario is null)
            {
                continue;
            }

            if (!Scenario.Sites.TryGetValue(site, out var known))
            {
                return StepCheck.No($"unknown site '{site.Value}'{Spelling.Suggestion(site.Value, Scenario.Sites.Keys.Select(s => s.Value))}");
            }

            if (!rule.Hosts.IsEmpty && !rule.Hosts.Contains(known.Host))
            {
                return StepCheck.No($"site '{site.Value}' is in {known.Host}; side '{side.Id}' designates sites in {List(rule.Hosts, "")}");
            }

            if (!rule.SiteKinds.IsEmpty && !rule.SiteKinds.Contains(known.Kind))
            {
                return StepCheck.No($"site '{site.Value}' is a {known.Kind} site; side '{side.Id}' designates {string.Join(", ", rule.SiteKinds)} sites");
            }
        }

        return StepCheck.Ok;
    }

    /// <summary>Whether the regime's requests may be made at <paramref name="at"/>; if not, why.</summary>
    public string? Inactive(Regime regime, Moment at)
    {
        ArgumentNullException.ThrowIfNull(regime);
        if (at.Day < regime.From)
        {
            return $"'{regime.Id}' applies from {regime.From:yyyy-MM-dd}";
        }

        if (regime.Activation != RegimeActivation.AllDesignations)
        {
            return null;
        }

        var missing = regime.Sides.Where(s => s.Designation is not null
            && !(_designations.TryGetValue((regime.Id, s.Id), out var d) && d.At <= at)).Select(s => s.Id).ToList();
        return missing.Count == 0 ? null
            : $"'{regime.Id}' is not active: it needs every side's designations recorded, and none is recorded for {string.Join(", ", missing)}";
    }

    /// <summary>The quota of inspections (or visits) <paramref name="receiving"/> accepts in <paramref name="year"/>, or null when unlimited.</summary>
    public int? ReceivingQuota(Regime regime, PartyId receiving, int year, out string? unknown)
    {
        ArgumentNullException.ThrowIfNull(regime);
        unknown = null;
        if (regime.Kind == RegimeKind.EvaluationVisit && regime.Value(RegimeParameters.UnitsPerVisit) is { } perVisit && perVisit > 0)
        {
            var units = Regimes.Units.FirstOrDefault(u => u.Party == receiving && u.Year == year);
            if (units is null)
            {
                unknown = $"no unit count reported by {receiving} for {year.ToString(CultureInfo.InvariantCulture)} is recorded, "
                          + "so its evaluation-visit quota cannot be computed";
                return null;
            }

            var quota = (int)Math.Ceiling(units.Units / perVisit);
            return regime.Value(RegimeParameters.MaxVisitsPerYear) is { } max ? Math.Min(quota, (int)max) : quota;
        }

        return regime.Value(RegimeParameters.QuotaPerReceivingState) is { } q ? (int)q : null;
    }

    /// <summary>How many of <paramref name="receiving"/>'s inspections one inspecting state may make in a year, or null when unlimited.</summary>
    public int? InspectingQuota(Regime regime, PartyId receiving, int year)
    {
        ArgumentNullException.ThrowIfNull(regime);
        if (regime.Value(RegimeParameters.InspectingShare) is { } share && ReceivingQuota(regime, receiving, year, out _) is { } total)
        {
            return Math.Max(1, (int)Math.Floor(total * share));
        }

        return regime.Value(RegimeParameters.QuotaPerInspectingState) is { } q ? (int)q : null;
    }

    /// <summary>Requests counting against <paramref name="receiving"/>'s quota in <paramref name="year"/> (pending or accepted).</summary>
    public int Used(Regime regime, PartyId receiving, int year, PartyId? inspecting = null) =>
        inspecting is { } i ? _byInspecting.GetValueOrDefault((regime.Id, receiving, i, year)) : _byReceiving.GetValueOrDefault((regime.Id, receiving, year));

    private void Count(InspectionCase c, int delta)
    {
        var q = c.Request;
        var r = c.Regime.Id;
        _byReceiving[(r, q.Receiving, c.Year)] = _byReceiving.GetValueOrDefault((r, q.Receiving, c.Year)) + delta;
        _byInspecting[(r, q.Receiving, q.Author, c.Year)] = _byInspecting.GetValueOrDefault((r, q.Receiving, q.Author, c.Year)) + delta;
        _bySide[(r, c.Side.Id, c.Year)] = _bySide.GetValueOrDefault((r, c.Side.Id, c.Year)) + delta;
    }

    private StepCheck CheckRequest(InspectionRequestStep r, out Regime? regime, out RegimeSide? side)
    {
        side = null;
        regime = FindRegime(r.Regime, out var error);
        if (regime is null)
        {
            return error;
        }

        if (regime.Kind is not (RegimeKind.Inspection or RegimeKind.EvaluationVisit))
        {
            return StepCheck.No($"'{regime.Id}' is a {regime.Kind} regime; inspections are requested under an inspection or evaluation-visit regime");
        }

        if (_inspections.TryGetValue(r.Id, out var existing))
        {
            return StepCheck.No($"a request '{r.Id}' already exists ({existing.Request.Where})");
        }

        side = regime.SideFor(r.Author, r.Receiving);
        if (side is null)
        {
            var allowed = string.Join("; ", regime.Sides.Select(s => $"{List(s.Inspecting, "any participant")} may inspect {List(s.Receiving, "any other")}"));
            return StepCheck.No($"{r.Author} may not inspect {r.Receiving} under '{regime.Id}' ({allowed})");
        }

        if (Inactive(regime, r.At) is { } inactive)
        {
            return StepCheck.No(inactive);
        }

        if (SubjectProblem(regime, side, r) is { } where)
        {
            return StepCheck.No(where);
        }

        if (regime.Value(RegimeParameters.TeamSize) is { } team && r.TeamSize > team)
        {
            return StepCheck.No($"a team of {r.TeamSize} exceeds the {team} inspectors '{regime.Id}' allows");
        }

        foreach (var check in r.Checks)
        {
            if (regime.Checks.All(c => c.Id != check))
            {
                return StepCheck.No($"'{regime.Id}' has no check '{check}'{Spelling.Suggestion(check, regime.Checks.Select(c => c.Id))}");
            }
        }

        if (r.VisitFrom < r.At)
        {
            return StepCheck.No($"the visit is to start ({r.VisitFrom}) before the request ({r.At})");
        }

        if (regime.Value(RegimeParameters.NoticeHours) is { } notice && r.VisitFrom < r.At.After(notice))
        {
            return StepCheck.No($"'{regime.Id}' needs {notice} hours' notice: a visit requested on {r.At} may start from {r.At.After(notice)}, not {r.VisitFrom}");
        }

        var year = r.VisitFrom.Day.Year;
        var quota = ReceivingQuota(regime, r.Receiving, year, out var unknown);
        if (unknown is not null)
        {
            return StepCheck.No(unknown);
        }

        if (quota is { } q && Used(regime, r.Receiving, year) >= q)
        {
            return StepCheck.No($"{r.Receiving} has already received {Used(regime, r.Receiving, year)} requests under '{regime.Id}' in {year} " +
                                $"(quota {q} per calendar year)");
        }

        if (InspectingQuota(regime, r.Receiving, year) is { } qi && Used(regime, r.Receiving, year, r.Author) >= qi)
        {
            return StepCheck.No($"{r.Author} has already used its {qi} request(s) of {r.Receiving} under '{regime.Id}' in {year} (per inspecting state)");
        }

        if (regime.IsReciprocal && regime.Value(RegimeParameters.ReciprocityMaxLead) is { } lead)
        {
            var mine = _bySide.GetValueOrDefault((regime.Id, side.Id, year));
            var theirs = 0;
            foreach (var other in regime.Sides)
            {
                theirs += other.Id == side.Id ? 0 : _bySide.GetValueOrDefault((regime.Id, other.Id, year));
            }
            if (mine - theirs >= lead)
            {
                return StepCheck.No($"reciprocity: side '{side.Id}' already has {mine} inspections in {year} against {theirs} for the other side " +
                                    $"(at most {lead} ahead under '{regime.Id}')");
            }
        }

        return StepCheck.Ok;
    }

    private string? SubjectProblem(Regime regime, RegimeSide side, InspectionRequestStep r)
    {
        if (r.Site is not { } site)
        {
            return side.Sites.IsEmpty && side.Designation is null
                ? null
                : $"'{regime.Id}' inspects named sites only; give a 'site'";
        }

        Site? known = null;
        if (Scenario is not null && !Scenario.Sites.TryGetValue(site, out known))
        {
            return $"unknown site '{site.Value}'{Spelling.Suggestion(site.Value, Scenario.Sites.Keys.Select(s => s.Value))}";
        }

        if (side.Designation is not null)
        {
            var designated = _designations.TryGetValue((regime.Id, side.Id), out var d) ? d.Sites : [];
            return designated.Contains(site)
                ? null
                : $"site '{site.Value}' is not subject to '{regime.Id}': the designated sites of side '{side.Id}' are " +
                  (designated.IsEmpty ? "not recorded yet" : string.Join(", ", designated.Select(s => s.Value)));
        }

        if (!side.Sites.IsEmpty)
        {
            return side.Sites.Contains(site) ? null
                : $"site '{site.Value}' is not subject to '{regime.Id}' (its sites: {string.Join(", ", side.Sites.Select(s => s.Value))})";
        }

        return known is not null && known.Host != r.Receiving
            ? $"site '{site.Value}' is in {known.Host}, not on the territory of {r.Receiving}"
            : null;
    }

    private StepCheck Known(string request, out InspectionCase? c)
    {
        c = _inspections.GetValueOrDefault(request);
        return c is null
            ? StepCheck.No($"unknown inspection request '{request}'{Spelling.Suggestion(request, _inspections.Keys)}")
            : StepCheck.Ok;
    }

    private static StepCheck NotBefore(Moment at, Moment earlier, string what) =>
        at < earlier && !(at.WholeDay || earlier.WholeDay) || at.Day < earlier.Day
            ? StepCheck.No($"dated {at}, before the {what} ({earlier})")
            : StepCheck.Ok;

    private StepCheck CheckAnswer(InspectionAnswerStep a, out InspectionCase? c)
    {
        if (Known(a.Request, out c) is { Accepted: false } unknown)
        {
            return unknown;
        }

        if (a.Author != c!.Request.Receiving)
        {
            return StepCheck.No($"request '{a.Request}' is answered by {c.Request.Receiving}, the receiving party, not {a.Author}");
        }

        if (c.Answer is not null)
        {
            return StepCheck.No($"request '{a.Request}' was already answered on {c.Answer.At} ({c.Answer.Where})");
        }

        return NotBefore(a.At, c.Request.At, "request");
    }

    private StepCheck CheckVisit(InspectionVisitStep v, out InspectionCase? c)
    {
        if (Known(v.Request, out c) is { Accepted: false } unknown)
        {
            return unknown;
        }

        if (v.Author != c!.Request.Author)
        {
            return StepCheck.No($"the visit under '{v.Request}' is recorded by {c.Request.Author}, the inspecting party, not {v.Author}");
        }

        if (c.Answer is not { Accepted: true })
        {
            return StepCheck.No($"request '{v.Request}' has {(c.Answer is null ? "not been answered" : "been refused")}; a visit needs an accepted request");
        }

        if (c.Visit is not null)
        {
            return StepCheck.No($"the visit under '{v.Request}' was already recorded ({c.Visit.Where})");
        }

        if (NotBefore(v.From, c.Answer.At, "acceptance") is { Accepted: false } early)
        {
            return early;
        }

        if (c.Regime.Value(RegimeParameters.DurationHours) is { } limit && Moment.HoursBetween(v.From, v.To) > limit)
        {
            return StepCheck.No($"the visit lasted {Moment.HoursBetween(v.From, v.To)} hours; '{c.Regime.Id}' allows {limit}");
        }

        return c.Regime.Value(RegimeParameters.TeamSize) is { } team && v.TeamSize > team
            ? StepCheck.No($"a team of {v.TeamSize} exceeds the {team} inspectors '{c.Regime.Id}' allows")
            : StepCheck.Ok;
    }

    private StepCheck CheckReport(InspectionReportStep r, out InspectionCase? c)
    {
        if (Known(r.Request, out c) is { Accepted: false } unknown)
        {
            return unknown;
        }

        if (r.Author != c!.Request.Author)
        {
            return StepCheck.No($"the report under '{r.Request}' is made by {c.Request.Author}, the inspecting party, not {r.Author}");
        }

        if (c.Answer is not { Accepted: true })
        {
            return StepCheck.No($"request '{r.Request}' has {(c.Answer is null ? "not been answered" : "been refused")}; " +
                                "a report needs an accepted request and a visit");
        }

        if (c.Visit is null)
        {
            return StepCheck.No($"no visit is recorded under '{r.Request}'; a report follows the visit");
        }

        if (c.Report is not null)
        {
            return StepCheck.No($"the report under '{r.Request}' was already made ({c.Report.Where})");
        }

        if (NotBefore(r.At, c.Visit.From, "visit") is { Accepted: false } early)
        {
            return early;
        }

        var allowed = c.Request.Checks.IsEmpty ? c.Regime.Checks.Select(x => x.Id).ToList() : [.. c.Request.Checks];
        for (var i = 0; i < r.Items.Length; i++)
        {
            var item = r.Items[i];
            if (!allowed.Contains(item.Check))
            {
                return StepCheck.No($"item {i + 1}: check '{item.Check}' was not requested under '{r.Request}' ({string.Join(", ", allowed)})" +
                                    Spelling.Suggestion(item.Check, allowed));
            }

            var check = c.Regime.Checks.First(x => x.Id == item.Check);
            if (check.Kind == CheckKind.SystemPresence && item.Present is null)
            {
                return StepCheck.No($"item {i + 1}: check '{item.Check}' needs 'present' (true or false)");
            }

            if (check.Kind == CheckKind.LauncherCount && item.Count is null)
            {
                return StepCheck.No($"item {i + 1}: check '{item.Check}' needs 'count'");
            }
        }

        return StepCheck.Ok;
    }

    private StepCheck CheckResponse(InspectionResponseStep r, out InspectionCase? c)
    {
        if (Known(r.Request, out c) is { Accepted: false } unknown)
        {
            return unknown;
        }

        if (r.Author != c!.Request.Receiving)
        {
            return StepCheck.No($"the report under '{r.Request}' is countersigned or disputed by {c.Request.Receiving}, the inspected party, not {r.Author}");
        }

        if (c.Report is null)
        {
            return StepCheck.No($"no report is recorded under '{r.Request}' to countersign or dissent from");
        }

        if (c.Response is not null)
        {
            return StepCheck.No($"the report under '{r.Request}' was already {(c.Response.Countersigned ? "countersigned" : "disputed")} ({c.Response.Where})");
        }

        var count = c.Report.Items.Length;
        if (r.Items.FirstOrDefault(i => i > count, -1) is var bad && bad >= 0)
        {
            return StepCheck.No($"the report under '{r.Request}' has {c.Report.Items.Length} items; there is no item {bad}");
        }

        return NotBefore(r.At, c.Report.At, "report");
    }

    private StepCheck CheckConsultation(ConsultationRequestStep q, out Regime? regime)
    {
        regime = FindRegime(q.Regime, out var error);
        if (regime is null)
        {
            return error;
        }

        if (regime.Kind != RegimeKind.Consultation)
        {
            return StepCheck.No($"'{regime.Id}' is a {regime.Kind} regime, not a consultation regime");
        }

        if (_consultations.ContainsKey(q.Id) || _meetingRequests.ContainsKey(q.Id))
        {
            return StepCheck.No($"a consultation request or meeting request '{q.Id}' already exists");
        }

        if (q.To.Contains(q.Author))
        {
            return StepCheck.No($"{q.Author} cannot ask itself for an explanation");
        }

        return Inactive(regime, q.At) is { } inactive ? StepCheck.No(inactive) : StepCheck.Ok;
    }

    private StepCheck KnownConsultation(string request, out ConsultationCase? c)
    {
        c = _consultations.GetValueOrDefault(request);
        return c is null
            ? StepCheck.No($"unknown consultation request '{request}'{Spelling.Suggestion(request, _consultations.Keys)}")
            : StepCheck.Ok;
    }

    private StepCheck CheckConsultationAnswer(ConsultationAnswerStep a, out ConsultationCase? c)
    {
        if (KnownConsultation(a.Request, out c) is { Accepted: false } unknown)
        {
            return unknown;
        }

        if (!c!.Request.To.Contains(a.Author))
        {
            return StepCheck.No($"consultation request '{a.Request}' was addressed to {List(c.Request.To, "")}, not {a.Author}");
        }

        if (c.Answers.TryGetValue(a.Author, out var earlier))
        {
            return StepCheck.No($"{a.Author} already answered '{a.Request}' on {earlier.At} ({earlier.Where})");
        }

        return NotBefore(a.At, c.Request.At, "request");
    }

    private StepCheck CheckMeetingRequest(ConsultationMeetingRequestStep m, out ConsultationCase? c)
    {
        if (KnownConsultation(m.Request, out c) is { Accepted: false } unknown)
        {
            return unknown;
        }

        if (m.Author != c!.Request.Author)
        {
            return StepCheck.No($"a meeting under '{m.Request}' is requested by {c.Request.Author}, who made the request, not {m.Author}");
        }

        if (_meetingRequests.ContainsKey(m.Id) || _consultations.ContainsKey(m.Id))
        {
            return StepCheck.No($"a consultation request or meeting request '{m.Id}' already exists");
        }

        return NotBefore(m.At, c.Request.At, "request");
    }

    private StepCheck CheckMeeting(ConsultationMeetingStep m, out ConsultationCase? c)
    {
        if (KnownConsultation(m.Request, out c) is { Accepted: false } unknown)
        {
            return unknown;
        }

        if (m.MeetingRequest is { } mr)
        {
            var request = c!.MeetingRequests.FirstOrDefault(x => x.Request.Id == mr);
            if (request is null)
            {
                return StepCheck.No($"unknown meeting request '{mr}' under '{m.Request}'{Spelling.Suggestion(mr, c.MeetingRequests.Select(x => x.Request.Id))}");
            }

            if (NotBefore(m.At, request.Request.At, "meeting request") is { Accepted: false } early)
            {
                return early;
            }
        }

        if (m.Attended.Intersect(m.Absent).FirstOrDefault() is { Code: not null } both)
        {
            return StepCheck.No($"{both} is recorded both as present and as absent");
        }

        return NotBefore(m.At, c!.Request.At, "request");
    }
}

using System.Globalization;

namespace Detente.Verification.Steps;

/// <summary>
/// When a step happened: a whole day (<c>2022-02-11</c>) when only the day is known, or a UTC time
/// (<c>2022-02-11T14:00:00Z</c>). Clocks in hours run from the time; from a whole day they run from the day's end, so a
/// 48-hour clock from 11 February ends at the end of 13 February — the latest reading the day allows, never unfair to the
/// party that must answer.
/// </summary>
public readonly record struct Moment(DateTimeOffset Time, bool WholeDay) : IComparable<Moment>
{
    /// <summary>The calendar day (UTC).</summary>
    public DateOnly Day => DateOnly.FromDateTime(Time.UtcDateTime);

    /// <summary>A whole day.</summary>
    public static Moment OfDay(DateOnly day) => new(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), true);

    /// <summary>Parses <c>YYYY-MM-DD</c> or <c>YYYY-MM-DDTHH:MM[:SS]Z</c>.</summary>
    public static bool TryParse(string? text, out Moment moment)
    {
        moment = default;
        if (text is null)
        {
            return false;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            moment = OfDay(day);
            return true;
        }

        string[] formats = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm'Z'"];
        if (DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            moment = new Moment(time.ToUniversalTime(), false);
            return true;
        }

        return false;
    }

    /// <summary>The latest instant this moment may stand for: the end of its day for a whole day.</summary>
    public DateTimeOffset Latest => WholeDay ? Time.AddDays(1).AddTicks(-1) : Time;

    /// <summary>The earliest instant this moment may stand for.</summary>
    public DateTimeOffset Earliest => Time;

    /// <summary>The deadline <paramref name="hours"/> after this moment (from the end of the day for a whole day).</summary>
    public Moment After(double hours) => WholeDay
        ? OfDay(Day.AddDays((int)Math.Ceiling(hours / 24.0)))
        : new Moment(Time.AddHours(hours), false);

    /// <summary>
    /// Whether something at <paramref name="when"/> met the deadline this moment stands for: on a whole-day deadline anything
    /// on or before that day; on a timed deadline anything not later (a whole day on the deadline's day counts as met).
    /// </summary>
    public bool IsMetBy(Moment when) => WholeDay || when.WholeDay ? when.Day <= Day : when.Time <= Time;

    /// <summary>Whether the deadline has passed by the end of <paramref name="day"/> with nothing done: strictly after it.</summary>
    public bool IsPastOn(DateOnly day) => day > Day;

    /// <summary>Hours between two moments (whole days from their starts).</summary>
    public static double HoursBetween(Moment from, Moment to) => (to.Time - from.Time).TotalHours;

    /// <inheritdoc/>
    public int CompareTo(Moment other) => Time.CompareTo(other.Time) is var c && c != 0 ? c : WholeDay.CompareTo(other.WholeDay);

    /// <summary>Orders moments.</summary>
    public static bool operator <(Moment a, Moment b) => a.CompareTo(b) < 0;

    /// <summary>Orders moments.</summary>
    public static bool operator >(Moment a, Moment b) => a.CompareTo(b) > 0;

    /// <summary>Orders moments.</summary>
    public static bool operator <=(Moment a, Moment b) => a.CompareTo(b) <= 0;

    /// <summary>Orders moments.</summary>
    public static bool operator >=(Moment a, Moment b) => a.CompareTo(b) >= 0;

    /// <inheritdoc/>
    public override string ToString() =>
        WholeDay ? Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                 : Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>Reads a <see cref="Moment"/> from a located JSON value.</summary>
internal static class MomentJson
{
    /// <summary>A day or a UTC time (see <see cref="Moment"/>); anything else fails at the value's place.</summary>
    public static Moment ReadMoment(this Detente.Data.Json.LocatedJson node) =>
        Moment.TryParse(node.String(), out var m) ? m : throw node.Fail($"expected a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM:SSZ), found '{node.Text}'");
}

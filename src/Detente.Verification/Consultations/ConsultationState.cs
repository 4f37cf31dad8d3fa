namespace Detente.Verification.Consultations;

/// <summary>
/// Where an addressee's answer to a consultation request, or a meeting request, stands at a day. Words in output come from
/// <see cref="ConsultationStates.Word"/>; code compares the values, never the words.
/// </summary>
public enum ConsultationState
{
    /// <summary>Answered by the deadline, or with no deadline (<c>answered</c>).</summary>
    Answered,

    /// <summary>Answered after the deadline (<c>answered-late</c>).</summary>
    AnsweredLate,

    /// <summary>Not answered or held yet, and the deadline has not passed (<c>pending</c>).</summary>
    Pending,

    /// <summary>Past the deadline with no answer or meeting, where the sources would show one (<c>overdue</c>).</summary>
    Overdue,

    /// <summary>
    /// Past the deadline, and the sources do not establish whether an answer was given (<c>undetermined</c>): silence is not
    /// non-compliance.
    /// </summary>
    Undetermined,

    /// <summary>The meeting was held by its deadline (<c>held</c>).</summary>
    Held,

    /// <summary>The meeting was held after its deadline (<c>held-late</c>).</summary>
    HeldLate,
}

/// <summary>The words of <see cref="ConsultationState"/>, as JSON and tables print them.</summary>
public static class ConsultationStates
{
    /// <summary>The word of <paramref name="state"/>, e.g. <c>answered-late</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a member of <see cref="ConsultationState"/>.</exception>
    public static string Word(this ConsultationState state) => state switch
    {
        ConsultationState.Answered => "answered",
        ConsultationState.AnsweredLate => "answered-late",
        ConsultationState.Pending => "pending",
        ConsultationState.Overdue => "overdue",
        ConsultationState.Undetermined => "undetermined",
        ConsultationState.Held => "held",
        ConsultationState.HeldLate => "held-late",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not a consultation state"),
    };

    /// <summary>Whether <paramref name="state"/> is a missed or late deadline (overdue, answered late or held late).</summary>
    public static bool IsLate(this ConsultationState state) =>
        state is ConsultationState.Overdue or ConsultationState.AnsweredLate or ConsultationState.HeldLate;
}

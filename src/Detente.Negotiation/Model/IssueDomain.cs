using System.Collections.Immutable;
using System.Globalization;

namespace Detente.Negotiation;

/// <summary>
/// The values an issue can take: yes/no (0/1), or a bounded integer range with a step, optionally with a label per value.
/// </summary>
public sealed class IssueDomain
{
    private IssueDomain(bool isYesNo, int min, int max, int step, ImmutableArray<string> labels)
    {
        IsYesNo = isYesNo;
        Min = min;
        Max = max;
        Step = step;
        Labels = labels;
    }

    /// <summary>The yes/no domain: 0 is no, 1 is yes.</summary>
    public static IssueDomain YesNo { get; } = new(true, 0, 1, 1, ["no", "yes"]);

    /// <summary>True for yes/no issues.</summary>
    public bool IsYesNo { get; }

    /// <summary>The smallest value.</summary>
    public int Min { get; }

    /// <summary>The largest value; (Max − Min) is a multiple of <see cref="Step"/>.</summary>
    public int Max { get; }

    /// <summary>The distance between consecutive values, at least 1.</summary>
    public int Step { get; }

    /// <summary>One name per value from <see cref="Min"/> (levels), or empty for plain numbers.</summary>
    public ImmutableArray<string> Labels { get; }

    /// <summary>How many values the domain holds.</summary>
    public int Count => (Max - Min) / Step + 1;

    /// <summary>Every value, ascending.</summary>
    public IEnumerable<int> Values
    {
        get
        {
            for (var v = Min; v <= Max; v += Step)
            {
                yield return v;
            }
        }
    }

    /// <summary>Creates an integer range; null when the bounds or step do not make a domain (the reader reports why).</summary>
    public static IssueDomain? Range(int min, int max, int step, ImmutableArray<string> labels)
    {
        if (step < 1 || max < min || (max - min) % step != 0 || (!labels.IsDefaultOrEmpty && labels.Length != (max - min) / step + 1))
        {
            return null;
        }

        return new IssueDomain(false, min, max, step, labels.IsDefault ? [] : labels);
    }

    /// <summary>True when <paramref name="value"/> is one of the domain's values.</summary>
    public bool Contains(long value) => value >= Min && value <= Max && (value - Min) % Step == 0;

    /// <summary>The value of a label ("yes", "rotational"), if the domain has it.</summary>
    public int? ValueOf(string label)
    {
        if (Labels.IsDefaultOrEmpty)
        {
            return null;
        }

        var i = Labels.IndexOf(label, StringComparer.Ordinal);
        return i < 0 ? null : Min + i * Step;
    }

    /// <summary>A value in words: its label, else the number.</summary>
    public string Describe(int value)
    {
        if (!Labels.IsDefaultOrEmpty && Contains(value))
        {
            return Labels[(value - Min) / Step];
        }

        return value.ToString("N0", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public override string ToString() => IsYesNo
        ? "yes/no"
        : Labels.IsDefaultOrEmpty
            ? $"{Min}..{Max} step {Step}"
            : string.Join(" / ", Labels);
}

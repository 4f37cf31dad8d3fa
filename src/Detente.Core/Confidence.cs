namespace Detente.Core;

/// <summary>How far a fact can be relied on, as recorded with its sources.</summary>
public enum Confidence
{
    /// <summary>Checked in the cited source.</summary>
    Verified,

    /// <summary>Recalled from an official text and only partly confirmed.</summary>
    Recalled,

    /// <summary>Estimated, approximate or unconfirmed.</summary>
    Uncertain,

    /// <summary>Sources disagree; every claim is kept.</summary>
    Disputed,
}

namespace Detente.Verification;

/// <summary>The messages of the verification component, in one place.</summary>
internal static class VerificationMessages
{
    public static string MissingParameter(string agreement, string name) =>
        $"{agreement} has no number parameter '{name}'; alerts read their thresholds from it";

    public static string NoClauseFor(string agreement, string name) => $"no clause of {agreement} uses the parameter '{name}'";
}

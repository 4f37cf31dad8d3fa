namespace Detente.Node.Tests;

/// <summary>Test data: where the shipped data is.</summary>
internal static class Some
{
    /// <summary>The repository's data directory (copied beside the tests).</summary>
    public static string DataDirectory() => Path.Combine(AppContext.BaseDirectory, "data");
}

namespace Detente.Record.Tests;

/// <summary>The peer vectors kept in this project's <c>Data/peer-vectors</c> (copied beside the test assembly at build).</summary>
internal static class PeerVectors
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Data", "peer-vectors");

    public static string PathTo(params string[] parts) => Path.Combine([Directory, .. parts]);
}

namespace Detente.Record.Tests;

/// <summary>Finds /work/shared/peer-vectors (the repo's <c>../shared/peer-vectors</c>) by walking up from the test assembly.</summary>
internal static class PeerVectors
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Directory => Root.Value;

    public static string PathTo(params string[] parts) => Path.Combine([Directory, .. parts]);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "peer-vectors");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        // Never skip silently: without the peer vectors these tests prove nothing about interoperability.
        throw new InvalidOperationException(
            "Peer vectors not found: expected a 'shared/peer-vectors' directory beside the repository (../shared/peer-vectors "
            + $"from the repo root) in some ancestor of {AppContext.BaseDirectory}. Clone the shared folder next to the repo.");
    }
}

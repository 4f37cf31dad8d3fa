using Detente.Rules.Compilation;
namespace Detente.Rules.Tests;

/// <summary>Small documents written by a test: compiled from a temporary file named after the document's id.</summary>
internal static class TestDocuments
{
    /// <summary>Compiles <paramref name="text"/> as <c>ID.accord</c>; errors name that file.</summary>
    public static Compilation.Agreement Compile(string id, string text, IReadOnlyCollection<string> regions)
    {
        var directory = Directory.CreateTempSubdirectory($"detente-{id}-");
        var path = Path.Combine(directory.FullName, $"{id}.accord");
        File.WriteAllText(path, text);
        try
        {
            return AgreementLibrary.CompileFile(path, $"{id}.accord", regions);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}

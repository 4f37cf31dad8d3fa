using Detente.Core;
using Detente.Record.Statements;

namespace Detente.Node.Appending;

/// <summary>
/// Reads what a writer takes from a file or a stream (standard input, a request's body): a statement's body, an entry, a proof.
/// Bounded (a body that cannot fit in one entry of the record is refused before anything is signed), a regular file only, and
/// UTF-8 text; every refusal is a <see cref="NodeException"/> naming the option, the file and, for bad UTF-8, the line and column.
/// </summary>
public static class StatementInput
{
    /// <summary>The most a body, entry or proof may hold: one entry of the record.</summary>
    public const int Limit = SignedStatement.MaxEntryBytes;

    /// <summary>
    /// The bytes of <paramref name="path"/>, or of <paramref name="standardInput"/> (default: the process's) when it is <c>-</c>;
    /// <paramref name="option"/> names where it was given; with <paramref name="text"/> they must be UTF-8.
    /// </summary>
    public static byte[] Read(string path, string option, bool text = true, Func<Stream>? standardInput = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var shown = path == "-" ? "standard input" : path;
        byte[] bytes;
        if (path == "-")
        {
            using var stdin = (standardInput ?? Console.OpenStandardInput)();
            using var buffer = new MemoryStream();
            var chunk = new byte[16384];
            int n;
            while ((n = stdin.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > Limit)
                {
                    throw new NodeException($"{option}: {shown} holds more than {Limit:N0} bytes, the most one statement of the record can hold; nothing was written");
                }
            }

            bytes = buffer.ToArray();
        }
        else
        {
            try
            {
                bytes = InputFile.ReadAllBytes(path, Limit);
            }
            catch (InputException e)
            {
                throw new NodeException($"{option}: {e.Message}" + (e.Problem.StartsWith("is larger", StringComparison.Ordinal)
                    ? " (one statement of the record holds at most that); nothing was written" : ""));
            }
        }

        if (text)
        {
            try
            {
                InputFile.DecodeUtf8(bytes, shown);
            }
            catch (InputException e)
            {
                throw new NodeException($"{option}: {e.Message}; nothing was written");
            }
        }

        return bytes;
    }
}

using System.Diagnostics;

namespace Detente.Negotiation.Tests.Export;

/// <summary>Runs Debian's z3 on an SMT-LIB script; fails with how to install it when it is missing.</summary>
internal static class Z3
{
    public static (string Verdict, IReadOnlyList<string> Core) Run(string script)
    {
        var path = Path.Combine(Path.GetTempPath(), $"detente-{Guid.NewGuid():N}.smt2");
        File.WriteAllText(path, script);
        ProcessStartInfo start = new("z3", ["-smt2", path]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("z3 is not installed: run ./test.sh as root, or apt-get install z3");
            throw;
        }

        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        File.Delete(path);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length >= 1, $"z3 gave no verdict: {output}");
        var verdict = lines[0];
        var core = verdict == "unsat" && lines.Length > 1
            ? lines[1].Trim('(', ')').Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim('|')).ToList()
            : [];
        return (verdict, core);
    }
}

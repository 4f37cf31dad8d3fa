using BenchmarkDotNet.Attributes;
using Detente.Rules.Compilation;
using Detente.Rules.Parsing;

namespace Detente.Benchmarks;

/// <summary>
/// Parse, check and compile a clause whose condition is a chain of <see cref="Terms"/> 'and' terms (issue 14: 1,000 terms took
/// 16 s, 3,000 over two minutes). Linear: the time per term is the same at every length.
/// </summary>
[MemoryDiagnoser]
public class RuleChainBenchmarks
{
    private string _text = "";

    [Params(1_000, 10_000, 100_000)]
    public int Terms { get; set; }

    [GlobalSetup]
    public void Setup() => _text = $"""
        agreement chain
          title "t"
          kind draft
          date 2021-12-17
          parties {"{RUS, USA}"}
        article 1 "x"
          clause "c"
            forbid deployments d by d.owner
              where {string.Join(" and ", Enumerable.Repeat("d.quantity > 1", Terms))}
        """;

    /// <summary>The whole chain through the parser, the checker and the compiler.</summary>
    [Benchmark]
    public int CompileChain() => AgreementCompiler.Compile(Parser.ParseDocument(_text, "chain.accord"), []).Clauses.Count();
}

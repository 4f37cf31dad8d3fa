using BenchmarkDotNet.Running;

// `ed25519-bound DB` is a plain timed run for whole-process comparisons (bench/verify-side-by-side.sh); anything else is BenchmarkDotNet.
if (args is ["ed25519-bound", var connection])
{
    return Detente.Benchmarks.Ed25519Bound.Run(connection);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

using BenchmarkDotNet.Running;

// `ed25519-bound DB` is a plain timed run for whole-process comparisons (bench/verify-side-by-side.sh); anything else is BenchmarkDotNet.
if (args is ["ed25519-bound", var connection])
{
    return Detente.Benchmarks.Ed25519Bound.Run(connection);
}

// `verify-phases DB` times the phases of `record verify --db` one at a time, on one core.
if (args is ["verify-phases", var phasesDb])
{
    return Detente.Benchmarks.VerifyPhases.Run(phasesDb);
}

// `checkpoint-record DB KEYRING` gives a suite's cached record a log key and a checkpoint, for bench/verify-side-by-side.sh.
if (args is ["checkpoint-record", var db, var keyring])
{
    return Detente.Benchmarks.CheckpointRecord.Run(db, keyring);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

using BenchmarkDotNet.Running;

// `ed25519-bound DB` and `open-node` are plain timed runs for whole-process figures (bench/*.sh); anything else is BenchmarkDotNet.
if (args is ["ed25519-bound", var connection])
{
    return Detente.Benchmarks.Ed25519Bound.Run(connection);
}

// `append-cpu BACKEND [ROUNDS]`: the appender, the store's append with and without body rules and the Ed25519 bound, alternating,
// wall and CPU time per statement (for a loaded machine, where BenchmarkDotNet's wall times say little).
if (args is ["append-cpu", var backend, .. var more])
{
    return Detente.Benchmarks.AppendCpu.Run(backend, more is [var r] ? int.Parse(r, System.Globalization.CultureInfo.InvariantCulture) : 5);
}

// `open-node [DEPLOYMENTS]`: one node opened over the cached synthetic record, for whole-process timing (bench/node-open.sh).
if (args is ["open-node", .. var rest])
{
    return Detente.Benchmarks.NodeRecord.RunOpen(rest is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)
        : Detente.Benchmarks.NodeRecord.Deployments);
}

// `follow-node [DEPLOYMENTS] [FOLLOWS] [allocations]`: appends and follows one statement at a time over the cached synthetic record,
// timed (see NodeFollowBenchmarks); with `allocations`, where the follows' bytes go (sampled by type) instead of their times.
if (args is ["follow-node", .. var followArgs])
{
    return Detente.Benchmarks.FollowedRecord.RunFollow(
        followArgs is [var d, ..] ? int.Parse(d, System.Globalization.CultureInfo.InvariantCulture) : Detente.Benchmarks.NodeRecord.Deployments,
        followArgs is [_, var f, ..] ? int.Parse(f, System.Globalization.CultureInfo.InvariantCulture) : 200,
        followArgs is [_, _, "allocations"]);
}

// `open-phases [DEPLOYMENTS]`: the phases of opening a node, each timed alone.
if (args is ["open-phases", .. var phaseArgs])
{
    return Detente.Benchmarks.NodeOpenPhases.Run(phaseArgs is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)
        : Detente.Benchmarks.NodeRecord.Deployments);
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

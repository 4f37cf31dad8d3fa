namespace Detente.Node;

/// <summary>Marks the node's assembly: the record's lifecycle and the followers that project the log live here.</summary>
public static class NodeAssembly
{
    /// <summary>The assembly's name, as the component table of <c>docs/architecture.md</c> spells it.</summary>
    public const string Component = "Node";
}

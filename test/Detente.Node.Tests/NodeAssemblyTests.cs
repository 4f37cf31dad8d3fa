namespace Detente.Node.Tests;

public sealed class NodeAssemblyTests
{
    [Fact]
    public void Component_IsNamedAsInTheTable() => Assert.Equal("Node", NodeAssembly.Component);
}

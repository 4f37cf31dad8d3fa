namespace Detente.Node;

/// <summary>
/// A request the node refuses, with a message for a person: bad input, a keyring without the key needed, a statement the record
/// rejects. Nothing was written. (The command line reports it with exit code 2.)
/// </summary>
public sealed class NodeException(string message) : Exception(message);

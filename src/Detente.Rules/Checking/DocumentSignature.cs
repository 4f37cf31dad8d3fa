namespace Detente.Rules.Checking;

/// <summary>
/// What the checker needs to know of a compiled document that an issue measure reads with <c>in-force(DOC)</c> or
/// <c>parameter(DOC, NAME)</c>: its id and its parameters' names and types. Compiled agreements implement it, so checking
/// never depends on compilation.
/// </summary>
internal interface IDocumentSignature
{
    /// <summary>The document's id.</summary>
    string Id { get; }

    /// <summary>The names of the document's parameters, in the order it declares them.</summary>
    IEnumerable<string> ParameterNames { get; }

    /// <summary>The type of the parameter named <paramref name="name"/>; null when the document has no such parameter.</summary>
    RuleType? ParameterType(string name);
}

namespace Detente.Rules.Ast;

/// <summary>
/// Where a piece of rule text starts: 1-based line and column (in characters). With a file name it is a Core
/// <see cref="Core.SourceLocation"/> (see <see cref="Parsing.RuleError.Location"/>); a negotiation position is another thing.
/// </summary>
internal readonly record struct LineColumn(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}

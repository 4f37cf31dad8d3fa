namespace Detente.Rules.Ast;

/// <summary>Where a piece of rule text starts: 1-based line and column.</summary>
internal readonly record struct Position(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}

namespace Detente.Cli;

/// <summary>A command-line argument that cannot be used, e.g. a date that is not a date. Exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

using Detente.Core;

namespace Detente.Data;

/// <summary>
/// One fact as the record holds it: the statement kind (e.g. <see cref="StatementKind.DeploymentDeclaration"/>), the author party,
/// the body (the fact's JSON object in the <c>detente-scenario/1</c> format, UTF-8) and the statement's index in the log.
/// </summary>
/// <param name="Kind">The statement kind.</param>
/// <param name="Author">The party that signed the statement.</param>
/// <param name="Body">The fact's JSON object, UTF-8.</param>
/// <param name="Index">The statement's index in the log.</param>
public sealed record RecordedFact(StatementKind Kind, string Author, ReadOnlyMemory<byte> Body, long Index);

/// <summary>A fact of a scenario ready to be stated in the record: kind, id, JSON object and, where the data names one, its natural author.</summary>
/// <param name="Kind">The statement kind that states it.</param>
/// <param name="Id">The fact's id (the scenario id for <see cref="StatementKind.Scenario"/>).</param>
/// <param name="Json">The fact's JSON object as written in the data file, UTF-8.</param>
/// <param name="Author">
/// The party the data names as the fact's author: the observer of an observation (unless it is <c>reported</c>), the notifier
/// of a notification, the owner of a deployment and the host of a consent whose provenance is <c>declared</c>; null for facts
/// with no natural author and for reported facts (the librarian, the compiler of the scenario, states them).
/// </param>
public sealed record ScenarioFact(StatementKind Kind, string Id, byte[] Json, string? Author);

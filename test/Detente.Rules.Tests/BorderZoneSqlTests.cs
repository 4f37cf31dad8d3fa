using System.Collections.Immutable;
using Detente.Benchmarks;
using Detente.Core;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Runtime;
using Detente.Data;
using Npgsql;

namespace Detente.Rules.Tests;

/// <summary>
/// The border-zone prohibition (ru-nato-2021-draft/7.3) evaluated by the rule engine and as SQL on PostGIS over the same
/// data gives the same findings. Not a timing (that is <c>RulesPostGisBenchmarks</c>). Needs <c>DETENTE_TEST_POSTGRES</c>
/// (./test.sh sets it) and the postgis extension; without them the test fails saying so, it never passes silently.
/// </summary>
public sealed class BorderZoneSqlTests
{
    private static readonly DateOnly Day = new(2022, 2, 15);

    /// <summary>
    /// An exercise at every site of the scenario, by the host (and, at every third, the United States too), with troops
    /// above and below brigade level, disputed between the two, an open-ended claim that straddles the line, or no figure;
    /// some by a party the draft does not bind, some without a site, one whose existence is disputed.
    /// </summary>
    private static Scenario WithExercises(Scenario s)
    {
        var troops = new Quantity?[]
        {
            Quantity.Of(6000), Quantity.Of(4000),
            Quantity.FromClaims([new Claim(3000, 3000, new PartyId("RUS")), new Claim(8000, 8000, new PartyId("LTU"))]),
            Quantity.Between(4000, 7000), null,
        };
        var list = new List<Activity>();
        var i = 0;
        foreach (var site in s.Sites.Values.OrderBy(x => x.Id.Value, StringComparer.Ordinal))
        {
            for (var k = 0; k < troops.Length; k++, i++)
            {
                var participants = i % 3 == 0 && site.Host.Code != "USA" ? ImmutableArray.Create(site.Host, new PartyId("USA")) : [site.Host];
                var confidence = i % 7 == 0 ? Confidence.Disputed : Confidence.Verified;
                list.Add(new Activity(new FactId($"zone-test-{site.Id.Value}-{k}"), $"Test exercise {k} at {site.Id.Value}", ActivityKind.Exercise,
                    participants, [site.Host], new Period(Day.AddDays(-2), Day.AddDays(5)), null, [site.Id], troops[k], [], Some.Evidence(confidence)));
            }
        }

        foreach (var party in new[] { "RUS", "POL", "BLR" })
        {
            list.Add(new Activity(new FactId($"zone-test-nosite-{party.ToLowerInvariant()}"), "Test exercise, no site", ActivityKind.Exercise,
                [new PartyId(party)], [new PartyId(party)], new Period(Day.AddDays(-1)), null, [], Quantity.Of(9000), [], Some.Evidence()));
        }

        return new Scenario(s.Info, s.Sources.Values.Append(new Source(new SourceId("test-source"), "Test", "Detente", "2026", null, SourceKind.Synthetic)),
            s.Parties.Values, s.Systems.Values, s.Sites.Values, s.Memberships, s.Control, s.Deployments, s.Activities.AddRange(list),
            s.Notifications, s.Observations, s.Consents);
    }

    [Fact]
    public void RuNato73_EngineAndPostGis_GiveTheSameFindings()
    {
        var connection = Environment.GetEnvironmentVariable("DETENTE_TEST_POSTGRES");
        Assert.False(string.IsNullOrWhiteSpace(connection),
            "Set DETENTE_TEST_POSTGRES to a PostgreSQL connection string (./test.sh starts a server and sets it); the server needs PostGIS "
            + "(Debian: apt-get install postgresql-15-postgis-3).");
        var data = AgreementsTests.DataDirectory();
        var geography = RuleGeography.Load(Path.Combine(data, "geo"));
        var library = AgreementLibrary.Load(Path.Combine(data, "agreements"), geography.RegionNames);
        var agreement = library.Find("ru-nato-2021-draft")!;
        var evaluator = new Evaluator(geography);
        var scenario = WithExercises(ScenarioLoader.Load(Path.Combine(data, "scenarios", "europe-2022")));
        var world = scenario.At(Day);
        var env = evaluator.Environment(agreement, world, null);

        var engine = evaluator.Evaluate(agreement, world, onlyClause: "7.3").Where(f => f.Subject.Kind != "party")
            .Select(f => $"{f.Clause} {f.Subject.Id} {f.Party} {Finding.Word(f.Status)}").Order(StringComparer.Ordinal).ToList();

        // Generous connect and command timeouts (Npgsql's defaults are 15 s and 30 s): a guard against a hung server, not a speed test.
        using var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connection) { Timeout = 300, CommandTimeout = 900 }.ToString());
        using var c = source.OpenConnection();
        using (var check = new NpgsqlCommand("SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'", c))
        {
            Assert.True((long)check.ExecuteScalar()! > 0, "The PostgreSQL server has no postgis extension: apt-get install postgresql-15-postgis-3.");
        }

        var schema = $"t_{Guid.NewGuid():N}";
        using (var create = new NpgsqlCommand($"CREATE SCHEMA {schema}; SET search_path TO {schema}, public;", c))
        {
            create.ExecuteNonQuery();
        }

        try
        {
            BorderZoneSql.Load(c, scenario, Day, Path.Combine(data, "geo", "countries-50m.geojson"));
            var sql = BorderZoneSql.Findings(c, "ru-nato-2021-draft/7.3", env.Parties.Sorted.Select(p => p.Code),
                    ((PartySet)env.Parameters["russia-allies"]).Sorted.Select(p => p.Code), world.MembersOf(new PartyId("NATO")).Select(p => p.Code),
                    (double)env.Parameters["zone-width-km"], (double)env.Parameters["brigade-level-troops"])
                .Select(f => $"{f.Clause} {f.Subject} {f.Party} {f.Status}").Order(StringComparer.Ordinal).ToList();

            // The comparison must be about something: violations (in the zone) and findings of each other status.
            Assert.Contains(engine, f => f.EndsWith(" violated", StringComparison.Ordinal));
            Assert.Contains(engine, f => f.EndsWith(" disputed", StringComparison.Ordinal));
            Assert.Contains(engine, f => f.EndsWith(" undetermined", StringComparison.Ordinal));
            Assert.True(engine.Count < scenario.Sites.Count * 3, "most exercises lie outside the zone or below brigade level");
            Assert.Equal(engine, sql);
        }
        finally
        {
            using var drop = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", c);
            drop.ExecuteNonQuery();
        }
    }
}

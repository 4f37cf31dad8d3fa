using Detente.Core;
using Npgsql;
using NpgsqlTypes;

namespace Detente.Benchmarks;

/// <summary>
/// The border-zone prohibition of the Russian draft agreement (Art. 7, clause 3: no exercise above brigade level in the zone
/// of agreed width along the border between Russia and its allies and the NATO member states) as SQL on PostGIS: the border
/// is where the two sides' territories meet (<c>ST_Intersection</c> of their unions), the zone every point within the width
/// of it (<c>ST_DWithin</c> on geography, geodesic), an activity is where its first site is, and the four-valued truth of the
/// language is spelled out in SQL. Shared by <see cref="RulesPostGisBenchmarks"/> and the test that compares its findings
/// with the rule engine's (test/Detente.Rules.Tests/BorderZoneSqlTests.cs).
/// </summary>
public static class BorderZoneSql
{
    /// <summary>Creates and fills the <c>rz_</c> tables: territories from the GeoJSON file, sites, and the activities in force on the date.</summary>
    public static void Load(NpgsqlConnection c, Scenario scenario, DateOnly at, string countriesGeoJson)
    {
        Exec(c, """
            -- In public: made in a caller's own schema (first on its search_path), the extension would be hidden from every
            -- other schema and dropped with it.
            CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public;
            DROP TABLE IF EXISTS rz_territory, rz_site, rz_activity, rz_participant, rz_claim;
            CREATE TABLE rz_territory (state text, geog geography);
            CREATE TABLE rz_site (id text PRIMARY KEY, geog geography);
            CREATE TABLE rz_activity (id text PRIMARY KEY, site text, confidence text);
            CREATE TABLE rz_participant (activity text, party text);
            CREATE TABLE rz_claim (activity text, lo float8, hi float8);
            """);
        LoadTerritoriesAndSites(c, "rz_", scenario, countriesGeoJson);

        // Only what 'a.active' lets through reaches the spatial test: activities whose period holds the date.
        var active = scenario.Activities.Where(a => a.Period.Contains(at)).ToList();
        using (var w = c.BeginBinaryImport("COPY rz_activity (id, site, confidence) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in active)
            {
                w.StartRow();
                w.Write(a.Id.Value);
                w.Write(a.Sites.Length > 0 ? a.Sites[0].Value : null, NpgsqlDbType.Text);
                w.Write(Rules.Checking.Schema.WordOf(a.Evidence.Confidence));
            }

            w.Complete();
        }

        using (var w = c.BeginBinaryImport("COPY rz_participant (activity, party) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in active)
            {
                foreach (var p in a.Participants.Distinct())
                {
                    w.StartRow();
                    w.Write(a.Id.Value);
                    w.Write(p.Code);
                }
            }

            w.Complete();
        }

        using (var w = c.BeginBinaryImport("COPY rz_claim (activity, lo, hi) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in active.Where(a => a.Troops is not null))
            {
                foreach (var claim in a.Troops!.Claims)
                {
                    w.StartRow();
                    w.Write(a.Id.Value);
                    w.Write(claim.Min ?? double.NegativeInfinity);
                    w.Write(claim.Max ?? double.PositiveInfinity);
                }
            }

            w.Complete();
        }

        Exec(c, "CREATE INDEX ON rz_territory (state); CREATE INDEX ON rz_participant (activity); CREATE INDEX ON rz_claim (activity); ANALYZE;");
    }

    // Four-valued truth as in the language: 'a.troops > X' per claim is yes when all of the claim is above, no when none of it
    // is; over claims yes/no when they agree, disputed when claims that differ fall on both sides, else unknown. A missing
    // site is unknown. 'and' is no if either side is, else unknown if either is, else disputed if either is.
    private const string Query = """
        WITH side_a AS (SELECT ST_Union(geog::geometry) AS g FROM rz_territory WHERE state = ANY(@side_a)),
             side_b AS (SELECT ST_Union(geog::geometry) AS g FROM rz_territory WHERE state = ANY(@side_b)),
             border AS (SELECT ST_Intersection(side_a.g, side_b.g)::geography AS g FROM side_a, side_b),
             troops AS (
                SELECT activity,
                       CASE WHEN bool_and(lo > @troops) THEN 'T'
                            WHEN bool_and(hi <= @troops) THEN 'F'
                            WHEN count(DISTINCT (lo, hi)) > 1 AND bool_or(lo > @troops OR hi <= @troops) THEN 'D'
                            ELSE 'U' END AS t
                FROM rz_claim GROUP BY activity),
             truth AS (
                SELECT a.id, a.confidence,
                       coalesce(tr.t, 'U') AS troops,
                       CASE WHEN s.id IS NULL THEN 'U'
                            WHEN ST_DWithin(s.geog, (SELECT g FROM border), @width_m) THEN 'T'
                            ELSE 'F' END AS zone
                FROM rz_activity a
                LEFT JOIN troops tr ON tr.activity = a.id
                LEFT JOIN rz_site s ON s.id = a.site)
        SELECT t.id, p.party,
               CASE WHEN 'U' IN (t.troops, t.zone) THEN 'undetermined'
                    WHEN 'D' IN (t.troops, t.zone) THEN 'disputed'
                    WHEN t.confidence = 'disputed' THEN 'disputed'
                    ELSE 'violated' END AS status
        FROM truth t JOIN rz_participant p ON p.activity = t.id
        WHERE p.party = ANY(@parties) AND 'F' NOT IN (t.troops, t.zone)
        """;

    /// <summary>The findings about activities: (clause, activity, party, status), as the rule engine words them.</summary>
    public static List<(string Clause, string Subject, string Party, string Status)> Findings(NpgsqlConnection c, string clause,
        IEnumerable<string> parties, IEnumerable<string> sideA, IEnumerable<string> sideB, double widthKm, double brigadeTroops)
    {
        var result = new List<(string, string, string, string)>();
        using var cmd = new NpgsqlCommand(Query, c);
        cmd.Parameters.AddWithValue("parties", parties.ToArray());
        cmd.Parameters.AddWithValue("side_a", sideA.ToArray());
        cmd.Parameters.AddWithValue("side_b", sideB.ToArray());
        cmd.Parameters.AddWithValue("width_m", widthKm * 1000);
        cmd.Parameters.AddWithValue("troops", brigadeTroops);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add((clause, r.GetString(0), r.GetString(1), r.GetString(2)));
        }

        return result;
    }

    /// <summary>
    /// Fills <c>{prefix}territory (state, geog)</c> from the country shapes (GeoJSON) and <c>{prefix}site (id, geog)</c> from the
    /// scenario's sites; both tables must exist. Shared by this file and <see cref="RulesPostGisBenchmarks"/>.
    /// </summary>
    public static void LoadTerritoriesAndSites(NpgsqlConnection c, string prefix, Scenario scenario, string countriesGeoJson)
    {
        using (var cmd = new NpgsqlCommand($"""
            INSERT INTO {prefix}territory
            SELECT f->'properties'->>'a3', ST_GeomFromGeoJSON(f->'geometry')::geography
            FROM jsonb_array_elements(@doc::jsonb->'features') f
            """, c))
        {
            cmd.Parameters.AddWithValue("doc", File.ReadAllText(countriesGeoJson));
            cmd.ExecuteNonQuery();
        }

        Exec(c, $"DROP TABLE IF EXISTS {prefix}site_stage; CREATE TABLE {prefix}site_stage (id text, lon float8, lat float8);");
        using (var w = c.BeginBinaryImport($"COPY {prefix}site_stage (id, lon, lat) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var site in scenario.Sites.Values)
            {
                w.StartRow();
                w.Write(site.Id.Value);
                w.Write(site.Location.Longitude);
                w.Write(site.Location.Latitude);
            }

            w.Complete();
        }

        Exec(c, $"INSERT INTO {prefix}site SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography FROM {prefix}site_stage; " +
            $"DROP TABLE {prefix}site_stage;");
    }

    private static void Exec(NpgsqlConnection c, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }
}

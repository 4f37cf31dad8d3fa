using Detente.Core;
namespace Detente.Data.Tests;

/// <summary>Writes small valid scenarios to a temporary directory; a test changes one file to make it bad.</summary>
internal sealed class Some : IDisposable
{
    public Some()
    {
        Directory = Path.Combine(Path.GetTempPath(), "detente-test-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Write("scenario.json", """
            {"format": "detente-scenario/1", "id": "tiny", "title": "Tiny", "catalog": "systems.json", "geo": "geo"}
            """);
        Write("sources.json", """
            {"sources": [
              {"id": "src-a", "title": "A", "publisher": "P", "date": "2021-12-17", "url": null, "kind": "press"},
              {"id": "src-b", "title": "B", "publisher": "Q", "date": "2019", "kind": "official"}
            ]}
            """);
        Write("parties.json", """
            {"parties": [
              {"id": "POL", "name": "Poland", "kind": "state"},
              {"id": "USA", "name": "United States", "kind": "state"},
              {"id": "RUS", "name": "Russia", "kind": "state"},
              {"id": "NATO", "name": "NATO", "kind": "alliance", "sources": ["src-a"], "confidence": "verified"}
            ]}
            """);
        Write("systems.json", """
            {"systems": [
              {"id": "msl", "name": "Missile", "owner": "RUS", "category": "missile", "launch": "ground", "role": "offensive",
               "nuclear": "dual-capable", "range_km": {"claims": [
                 {"value": 480, "by": "RUS", "sources": ["src-a"], "confidence": "disputed"},
                 {"max": 2350, "by": "USA", "sources": ["src-b"], "confidence": "disputed"}]},
               "sources": ["src-a"], "confidence": "disputed"},
              {"id": "lnch", "name": "Launcher", "category": "launcher", "launch": "ground", "role": "defensive", "nuclear": "none",
               "fires": [{"system": "msl", "sources": ["src-a"], "confidence": "disputed"}],
               "sources": ["src-a"], "confidence": "verified"}
            ]}
            """);
        Write("sites.json", """
            {"sites": [
              {"id": "base-1", "name": "Base", "host": "POL", "kind": "army-base", "location": {"lat": 53.8, "lon": 21.9},
               "accuracy_km": 5, "sources": ["src-a"], "confidence": "verified"}
            ]}
            """);
        Write("memberships.json", """
            {"memberships": [
              {"id": "nato-usa", "alliance": "NATO", "member": "USA", "joined": "1949-08-24", "sources": ["src-a"], "confidence": "verified"},
              {"id": "nato-pol", "alliance": "NATO", "member": "POL", "joined": "1999-03-12", "sources": [{"ref": "src-a", "locator": "§5"}], "confidence": "verified"}
            ]}
            """);
        Write("deployments.json", """
            {"deployments": [
              {"id": "usa-pol-1", "owner": "USA", "site": "base-1", "quantity": 1000, "unit": "troops", "permanence": "rotational",
               "mission": "combat", "from": "2017-04-01", "provenance": "reported", "sources": ["src-a"], "confidence": "verified"},
              {"id": "usa-pol-2", "owner": "USA", "host": "POL", "quantity": {"min": 1500, "max": 1700}, "unit": "troops",
               "permanence": "temporary", "mission": "combat", "from": "2022-02-05", "to": "2022-06-30", "provenance": "reported",
               "sources": ["src-b"], "confidence": "recalled"}
            ]}
            """);
        Write("activities.json", """
            {"activities": [
              {"id": "ex-1", "name": "Exercise", "kind": "exercise", "participants": ["RUS"], "hosts": ["RUS"],
               "start": "2021-09-10", "end": "2021-09-16", "troops": 12800, "sources": ["src-a"], "confidence": "verified"}
            ]}
            """);
        Write("notifications.json", """
            {"notifications": [
              {"id": "n-1", "notifier": "RUS", "kind": "vienna-prior-notification", "activity": "ex-1", "given": "2021-07-20",
               "troops": 12800, "sources": ["src-a"], "confidence": "recalled"}
            ]}
            """);
        Write("observations.json", """
            {"observations": [
              {"id": "o-1", "observer": "USA", "subject": "RUS", "date": "2022-01-26", "what": "troops", "quantity": {"min": 100000},
               "sources": ["src-a"], "confidence": "verified"}
            ]}
            """);
    }

    public string Directory { get; }

    public void Write(string name, string json) => File.WriteAllText(Path.Combine(Directory, name), json.Replace("\r\n", "\n"));

    public void Replace(string name, string oldText, string newText)
    {
        var path = Path.Combine(Directory, name);
        var text = File.ReadAllText(path);
        Assert.Contains(oldText, text);
        File.WriteAllText(path, text.Replace(oldText, newText));
    }

    public Core.Scenario Load(IReadOnlySet<string>? areas = null) => ScenarioLoader.Load(Directory, areas);

    /// <summary>Loads, expects a data error, and returns its message with this directory's path taken out.</summary>
    public string LoadFails(IReadOnlySet<string>? areas = null) =>
        Assert.Throws<InputException>(() => Load(areas)).Message.Replace(Directory + Path.DirectorySeparatorChar, "");

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

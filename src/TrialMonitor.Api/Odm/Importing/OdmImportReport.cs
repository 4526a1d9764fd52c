using TrialMonitor.Api.Door;
using TrialMonitor.Api.Infrastructure;
using TrialMonitor.Api.Odm.Reading;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>Who imports what into which trial; the scope bounds a coordinator's writes to their sites (admins and the server: all sites).</summary>
public sealed record OdmImportRequest(Guid TrialId, string FileName, string User, string Role, WriteScope Scope, bool DryRun);

/// <summary>One refused or unmapped item: where it is in the file, the field, the value and why.</summary>
public sealed record OdmImportRow(int Line, string Path, string Field, string? Value, string Reason)
{
    public const string CsvHeader = "line,odm_path,field,value,reason";

    /// <summary>An item nothing reads (a removed one is not worth reporting).</summary>
    public static OdmImportRow? Unmapped(OdmItemGroup group, OdmItem item, string why)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(item);
        return item.TransactionType == OdmItemGroup.Remove ? null : new OdmImportRow(item.Line, group.ItemPath(item), item.ItemOid, item.Value, "unmapped: " + why);
    }

    /// <summary>The texts always quoted: an empty value (<c>""</c>) is not a missing one.</summary>
    public string ToCsv() => string.Join(',', Line.ToString(System.Globalization.CultureInfo.InvariantCulture),
        CsvField.Quoted(Path), CsvField.Quoted(Field), CsvField.Quoted(Value), CsvField.Quoted(Reason));
}

/// <summary>What an import did (or, in a dry run, would do).</summary>
public sealed class OdmImportSummary
{
    public long ItemsRead { get; set; }
    public long ItemGroups { get; set; }
    public int Enrolled { get; set; }
    public int Appended { get; set; }
    public int Corrected { get; set; }
    public int Voided { get; set; }
    public int AlreadyRecorded { get; set; }
    public int IgnoredGroups { get; set; }
    public int RefusedRows { get; set; }

    /// <summary>How many times a Transactional import wrote a subject to disk to hold no more than its bound in memory.</summary>
    public long SubjectsSpilled { get; set; }

    public TimeSpan Elapsed { get; set; }
    public bool DryRun { get; set; }

    /// <summary>The counts of several importers of one file, added up.</summary>
    public static OdmImportSummary Sum(IEnumerable<OdmImportSummary> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var sum = new OdmImportSummary();
        foreach (var p in parts)
        {
            sum.ItemsRead += p.ItemsRead;
            sum.ItemGroups += p.ItemGroups;
            sum.Enrolled += p.Enrolled;
            sum.Appended += p.Appended;
            sum.Corrected += p.Corrected;
            sum.Voided += p.Voided;
            sum.AlreadyRecorded += p.AlreadyRecorded;
            sum.IgnoredGroups += p.IgnoredGroups;
            sum.RefusedRows += p.RefusedRows;
            sum.SubjectsSpilled += p.SubjectsSpilled;
        }
        return sum;
    }

    public override string ToString() =>
        $"{(DryRun ? "dry run (nothing appended): " : "")}{ItemsRead} items in {ItemGroups} item groups read; {Enrolled} subjects enrolled, " +
        $"{Appended} entries appended, {Corrected} of them corrections, {Voided} voided, {AlreadyRecorded} already recorded, " +
        $"{IgnoredGroups} item groups ignored by the mapping; {RefusedRows} items refused or unmapped; " +
        (SubjectsSpilled > 0 ? $"{SubjectsSpilled} times a subject was written to disk to keep memory flat; " : "") + $"{Elapsed.TotalSeconds:0.0} s";
}

/// <summary>Where a running import is: items read, entries appended, refused, and how far into the file.</summary>
public sealed record OdmImportProgress(long ItemsRead, int Appended, int Refused, TimeSpan Elapsed, double? FractionRead)
{
    public override string ToString()
    {
        var rate = Elapsed.TotalSeconds > 0 ? ItemsRead / Elapsed.TotalSeconds : 0;
        var left = FractionRead is > 0 and < 1 ? $", ~{Elapsed.TotalSeconds * (1 - FractionRead.Value) / FractionRead.Value:0} s left" : "";
        return $"{ItemsRead} items read, {Appended} entries appended, {Refused} refused, {rate:0} items/s{left}";
    }
}

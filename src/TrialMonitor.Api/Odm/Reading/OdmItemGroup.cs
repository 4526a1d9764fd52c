namespace TrialMonitor.Api.Odm.Reading;

/// <summary>Who changed the data in the EDC, when and why (ODM AuditRecord).</summary>
public sealed record OdmAudit(string? User, string? DateTimeStamp, string? ReasonForChange);

/// <summary>One ItemData as the file has it: the value is text, read by the mapping, never here.</summary>
public sealed record OdmItem(int Line, string ItemOid, string? Value, string? TransactionType, OdmAudit? Audit);

/// <summary>
/// One ItemGroupData element with the keys of everything around it: the subject, the study event and
/// its repeat key, the form (and its repeat key), the item group and its repeat key. TransactionType and
/// AuditRecord are the group's own, else the nearest enclosing element's; FileType is the file's (ODM/@FileType).
/// </summary>
public sealed record OdmItemGroup(
    int Line,
    string SubjectKey,
    string? SiteOid,
    string StudyEventOid,
    string? StudyEventRepeatKey,
    string FormOid,
    string? FormRepeatKey,
    string ItemGroupOid,
    string? ItemGroupRepeatKey,
    string? TransactionType,
    OdmAudit? Audit,
    IReadOnlyList<OdmItem> Items,
    string? FileType = null)
{
    public const string Remove = "Remove";

    /// <summary>ODM/@FileType of a file holding each subject's current data in full, in one place.</summary>
    public const string Snapshot = "Snapshot";

    /// <summary>Where the group sits in the file, in ODM's own terms (what the import report names).</summary>
    public string Path =>
        $"SubjectData[{SubjectKey}]/StudyEventData[{StudyEventOid}{Repeat(StudyEventRepeatKey)}]/FormData[{FormOid}{Repeat(FormRepeatKey)}]" +
        $"/ItemGroupData[{ItemGroupOid}{Repeat(ItemGroupRepeatKey)}]";

    public string ItemPath(OdmItem item) => $"{Path}/ItemData[{item.ItemOid}]";

    /// <summary>The line of the item's last value in the group, else the group's own.</summary>
    public int LineOf(string? itemOid) => Items.LastOrDefault(i => i.ItemOid == itemOid)?.Line ?? Line;

    /// <summary>The group's effective audit: its own, else that of its last audited item (Rave audits items).</summary>
    public OdmAudit? LatestAudit => Audit ?? Items.LastOrDefault(i => i.Audit is not null)?.Audit;

    /// <summary>Removed as a whole, or every item in it removed.</summary>
    public bool IsRemoval => TransactionType == Remove || (Items.Count > 0 && Items.All(i => i.TransactionType == Remove));

    private static string Repeat(string? key) => key is null ? "" : $"@{key}";
}

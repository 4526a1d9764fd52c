using System.Xml;

namespace TrialMonitor.Api.Odm.Reading;

/// <summary>
/// Reads the clinical data of an ODM 1.3 file as a stream of item groups, one ItemGroupData at a time,
/// so a file of any size is read in the memory of one item group. Lenient as real exports need: vendor
/// elements and attributes (mdsol:, redcap:) are skipped, the metadata is not read, and no value is
/// interpreted here (the mapping reads numbers and dates, and reports each bad one).
/// </summary>
public static class OdmReader
{
    public const string Namespace = "http://www.cdisc.org/ns/odm/v1.3";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>ODM/@SourceSystem: the system that wrote the file (TrialMonitor's own export says TrialMonitor).</summary>
    public static string? SourceSystemOf(Stream stream)
    {
        using var xml = XmlReader.Create(stream, Settings);
        try
        {
            return xml.MoveToContent() == XmlNodeType.Element ? xml.GetAttribute("SourceSystem") : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    public static IEnumerable<OdmItemGroup> Read(string path)
    {
        using var file = File.OpenRead(path);
        foreach (var group in Read(file)) yield return group;
    }

    public static IEnumerable<OdmItemGroup> Read(Stream stream)
    {
        using var xml = XmlReader.Create(stream, Settings);
        var lines = (IXmlLineInfo)xml;
        Level subject = new(), studyEvent = new(), form = new(), group = new();
        string? fileType = null, subjectKey = null, site = null;
        string? eventOid = null, eventRepeat = null, formOid = null, formRepeat = null, groupOid = null, groupRepeat = null;
        var groupLine = 0;
        List<OdmItem>? items = null;
        PendingItem? item = null;

        xml.MoveToContent();
        while (!xml.EOF)
        {
            if (xml.NodeType == XmlNodeType.Element && (xml.NamespaceURI != Namespace || xml.LocalName is "Study" or "AdminData" or "ReferenceData" or "Signature"))
            {
                xml.Skip();
                continue;
            }
            if (xml.NodeType == XmlNodeType.Element)
            {
                var empty = xml.IsEmptyElement;
                switch (xml.LocalName)
                {
                    case "ODM":
                        fileType = xml.GetAttribute("FileType");
                        break;
                    case "SubjectData":
                        subjectKey = xml.GetAttribute("SubjectKey");
                        site = null;
                        subject = new Level(xml.GetAttribute("TransactionType"));
                        break;
                    case "SiteRef":
                        site = xml.GetAttribute("LocationOID");
                        break;
                    case "StudyEventData":
                        (eventOid, eventRepeat) = (xml.GetAttribute("StudyEventOID"), xml.GetAttribute("StudyEventRepeatKey"));
                        studyEvent = new Level(xml.GetAttribute("TransactionType"));
                        break;
                    case "FormData":
                        (formOid, formRepeat) = (xml.GetAttribute("FormOID"), xml.GetAttribute("FormRepeatKey"));
                        form = new Level(xml.GetAttribute("TransactionType"));
                        break;
                    case "ItemGroupData":
                        (groupOid, groupRepeat, groupLine) = (xml.GetAttribute("ItemGroupOID"), xml.GetAttribute("ItemGroupRepeatKey"), lines.LineNumber);
                        group = new Level(xml.GetAttribute("TransactionType"));
                        items = [];
                        if (empty) yield return Group();
                        break;
                    case "ItemData":
                        item = new PendingItem(lines.LineNumber, xml.GetAttribute("ItemOID") ?? "", xml.GetAttribute("Value"), xml.GetAttribute("TransactionType"));
                        if (empty) AddItem();
                        break;
                    case var typed when typed.StartsWith("ItemData", StringComparison.Ordinal) && items is not null:
                        // ODM 1.3.2 typed items (ItemDataString, ...) carry the value as content.
                        var typedItem = new PendingItem(lines.LineNumber, xml.GetAttribute("ItemOID") ?? "", null, xml.GetAttribute("TransactionType"));
                        item = typedItem with { Value = empty ? "" : xml.ReadElementContentAsString() };
                        AddItem();
                        if (!empty) continue;
                        break;
                    case "AuditRecord" when !empty:
                        var audit = ReadAudit(xml);
                        if (item is not null) item = item with { Audit = audit };
                        else if (items is not null) group.Audit = audit;
                        else if (formOid is not null) form.Audit = audit;
                        else if (eventOid is not null) studyEvent.Audit = audit;
                        else subject.Audit = audit;
                        break;
                }
            }
            else if (xml.NodeType == XmlNodeType.EndElement)
            {
                switch (xml.LocalName)
                {
                    case "ItemData":
                        AddItem();
                        break;
                    case "ItemGroupData" when items is not null:
                        yield return Group();
                        break;
                    case "FormData":
                        formOid = formRepeat = null;
                        form = new Level();
                        break;
                    case "StudyEventData":
                        eventOid = eventRepeat = null;
                        studyEvent = new Level();
                        break;
                    case "SubjectData":
                        subjectKey = site = null;
                        subject = new Level();
                        break;
                }
            }
            xml.Read();
        }

        void AddItem()
        {
            if (item is null || items is null) return;
            items.Add(new OdmItem(item.Line, item.ItemOid, item.Value, item.TransactionType, item.Audit));
            item = null;
        }

        OdmItemGroup Group()
        {
            var result = new OdmItemGroup(groupLine, subjectKey ?? "", site, eventOid ?? "", eventRepeat, formOid ?? "", formRepeat,
                groupOid ?? "", groupRepeat,
                group.TransactionType ?? form.TransactionType ?? studyEvent.TransactionType ?? subject.TransactionType,
                group.Audit ?? form.Audit ?? studyEvent.Audit ?? subject.Audit, items ?? [], fileType);
            items = null;
            groupOid = groupRepeat = null;
            group = new Level();
            return result;
        }
    }

    private static OdmAudit ReadAudit(XmlReader xml)
    {
        string? user = null, stamp = null, reason = null;
        using var audit = xml.ReadSubtree();
        audit.Read();
        audit.Read();
        while (!audit.EOF)
        {
            if (audit.NodeType == XmlNodeType.Element && audit.LocalName is "DateTimeStamp" or "ReasonForChange")
            {
                var name = audit.LocalName;
                var text = audit.ReadElementContentAsString().Trim();
                if (name == "DateTimeStamp") stamp = text;
                else reason = text;
                continue;
            }
            if (audit.NodeType == XmlNodeType.Element && audit.LocalName == "UserRef") user = audit.GetAttribute("UserOID");
            audit.Read();
        }
        return new OdmAudit(user, stamp, string.IsNullOrEmpty(reason) ? null : reason);
    }

    private sealed class Level(string? transactionType = null)
    {
        public string? TransactionType { get; } = transactionType;
        public OdmAudit? Audit { get; set; }
    }

    private sealed record PendingItem(int Line, string ItemOid, string? Value, string? TransactionType, OdmAudit? Audit = null);
}

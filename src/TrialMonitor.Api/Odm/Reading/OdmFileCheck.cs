using System.Xml;

namespace TrialMonitor.Api.Odm.Reading;

/// <summary>
/// Reads a whole file once before anything is imported, so a file that cannot be imported is refused with its problem
/// and nothing appended (the import itself streams, committing subject by subject): well-formed XML, no DTD, an ODM 1.3
/// document with clinical data.
/// </summary>
public static class OdmFileCheck
{
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true };

    /// <returns>Null when the file can be imported, else what is wrong with it, with its line and position.</returns>
    public static string? ProblemOf(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            using var xml = XmlReader.Create(file, Settings);
            if (xml.MoveToContent() != XmlNodeType.Element || xml.LocalName != "ODM" || xml.NamespaceURI != OdmReader.Namespace)
            {
                return $"the file is not CDISC ODM 1.3: its root element is {{{xml.NamespaceURI}}}{xml.LocalName}, "
                       + $"not ODM in the namespace {OdmReader.Namespace}";
            }
            var clinicalData = false;
            while (xml.Read())
            {
                clinicalData |= xml.NodeType == XmlNodeType.Element && xml.LocalName == "ClinicalData" && xml.NamespaceURI == OdmReader.Namespace;
            }
            return clinicalData ? null : "the file holds no ClinicalData (ODM 1.3) to import";
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            return "the file declares a DTD (<!DOCTYPE>): DTDs are refused, export the file without one";
        }
        catch (XmlException e)
        {
            return $"the file is not well-formed XML (line {e.LineNumber}, position {e.LinePosition}): {e.Message}";
        }
    }
}

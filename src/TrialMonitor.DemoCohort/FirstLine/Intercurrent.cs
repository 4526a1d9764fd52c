namespace TrialMonitor.DemoCohort.FirstLine;

/// <summary>What else happens to a patient on therapy, whatever the response: dealt to a few patients each.</summary>
internal enum Intercurrent
{
    None,

    /// <summary>Grade 3 neutropenia and thrombocytopenia in the first weeks: the dose reduced to 300 mg.</summary>
    CytopeniaReduction,

    /// <summary>A grade 2–3 side effect (fatigue, edema, diarrhea, rash, cramps): the dose reduced.</summary>
    ToxicityReduction,

    /// <summary>Imatinib held for 2–4 weeks for cytopenia or rash, then resumed at 400 or 300 mg.</summary>
    Interruption,

    /// <summary>A grade 3 side effect that ends therapy.</summary>
    StopForToxicity,

    /// <summary>The patient stops therapy.</summary>
    PatientDecision,

    /// <summary>Death on therapy of an unrelated cause.</summary>
    DeathOnTherapy,

    /// <summary>The site stops sending samples some months before the data cut-off: the last PCRs are missing.</summary>
    MissedLastPcrs,
}

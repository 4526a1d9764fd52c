namespace TrialMonitor.Clinical.Molecular;

/// <summary>
/// The depth of one BCR-ABL1 result on the International Scale (DOMAIN: ELN-2020; Cross et al.,
/// Leukemia 2015), from the shallowest band to the deepest response; NotEvaluable counts for nothing.
/// </summary>
public enum MolecularLevel { Above10, Above1, Above0_1, Mmr, Mr4, Mr4_5, Mr5, NotEvaluable }

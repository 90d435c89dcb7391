"""Plain-language names of common offenses, in English and Spanish.

The resident questionnaire offers ``OFFENSE_CHOICES`` as a searchable list, so people who do
not know a code section can still find their conviction; the engine uses the same names in
its answers.
"""

from __future__ import annotations

# (code, section, subdivision or None, English, Spanish); a subdivision row overrides its section row.
_LABEL_ROWS: tuple[tuple[str, str, str | None, str, str], ...] = (
    # Marijuana (Prop 64)
    ("HS", "11357", None, "Possession of marijuana", "Posesión de marihuana"),
    ("HS", "11358", None, "Growing marijuana", "Cultivo de marihuana"),
    ("HS", "11359", None, "Possession of marijuana for sale", "Posesión de marihuana para la venta"),
    ("HS", "11360", None, "Selling, giving away or transporting marijuana",
     "Venta, entrega o transporte de marihuana"),
    ("HS", "11362.1", None, "Marijuana use or possession (adult-use law)",
     "Uso o posesión de marihuana (ley de uso adulto)"),
    # Other drug offenses
    ("HS", "11350", None, "Possession of a controlled substance", "Posesión de una sustancia controlada"),
    ("HS", "11351", None, "Possession of a controlled substance for sale",
     "Posesión de una sustancia controlada para la venta"),
    ("HS", "11352", None, "Selling or transporting a controlled substance",
     "Venta o transporte de una sustancia controlada"),
    ("HS", "11364", None, "Possession of drug paraphernalia", "Posesión de parafernalia para drogas"),
    ("HS", "11366", None, "Keeping a place for drug use", "Mantener un lugar para el uso de drogas"),
    ("HS", "11368", None, "Forged drug prescription", "Receta médica falsificada"),
    ("HS", "11377", None, "Possession of methamphetamine or another controlled substance",
     "Posesión de metanfetamina u otra sustancia controlada"),
    ("HS", "11378", None, "Possession of methamphetamine for sale", "Posesión de metanfetamina para la venta"),
    ("HS", "11379", None, "Selling or transporting methamphetamine", "Venta o transporte de metanfetamina"),
    ("HS", "11550", None, "Being under the influence of a drug", "Estar bajo la influencia de una droga"),
    ("BP", "4060", None, "Possession of a drug without a prescription", "Posesión de un medicamento sin receta"),
    ("BP", "4140", None, "Possession of a hypodermic needle", "Posesión de una jeringa hipodérmica"),
    # Theft and property (Prop 47 and others)
    ("PC", "459", None, "Burglary", "Robo con allanamiento (burglary)"),
    ("PC", "459.5", None, "Shoplifting ($950 or less)", "Hurto en tienda (950 dólares o menos)"),
    ("PC", "470", None, "Forgery", "Falsificación"),
    ("PC", "473", None, "Forgery ($950 or less)", "Falsificación (950 dólares o menos)"),
    ("PC", "476a", None, "Writing bad checks", "Emitir cheques sin fondos"),
    ("PC", "484", None, "Theft", "Robo (hurto)"),
    ("PC", "487", None, "Grand theft", "Robo mayor"),
    ("PC", "488", None, "Petty theft", "Robo menor"),
    ("PC", "490.2", None, "Theft of property worth $950 or less", "Robo de bienes de 950 dólares o menos"),
    ("PC", "496", None, "Receiving stolen property", "Recibir bienes robados"),
    ("PC", "503", None, "Embezzlement", "Malversación"),
    ("PC", "530.5", None, "Identity theft", "Robo de identidad"),
    ("PC", "594", None, "Vandalism", "Vandalismo"),
    ("PC", "602", None, "Trespassing", "Entrada ilegal a una propiedad"),
    ("PC", "666", None, "Petty theft with a prior theft conviction", "Robo menor con una condena previa por robo"),
    ("PC", "211", None, "Robbery", "Robo con violencia (robbery)"),
    # People and public order
    ("PC", "32", None, "Accessory after the fact", "Encubrimiento (cómplice después del hecho)"),
    ("PC", "148", None, "Resisting or delaying a police officer", "Resistirse u obstruir a un agente de policía"),
    ("PC", "166", None, "Disobeying a court order", "Desobedecer una orden judicial"),
    ("PC", "242", None, "Battery", "Agresión física (battery)"),
    ("PC", "243", None, "Battery", "Agresión física (battery)"),
    ("PC", "243", "e", "Battery on a partner or family member", "Agresión física a la pareja o a un familiar"),
    ("PC", "245", None, "Assault with a deadly weapon or great force",
     "Asalto con arma mortal o fuerza grave"),
    ("PC", "273.5", None, "Domestic violence causing injury", "Violencia doméstica con lesiones"),
    ("PC", "273.6", None, "Violating a protective order", "Violar una orden de protección"),
    ("PC", "415", None, "Disturbing the peace", "Alterar el orden público"),
    ("PC", "422", None, "Criminal threats", "Amenazas criminales"),
    ("PC", "647", None, "Disorderly conduct", "Conducta desordenada"),
    ("PC", "647", "b", "Prostitution", "Prostitución"),
    ("PC", "647", "f", "Public intoxication", "Intoxicación en público"),
    ("PC", "25400", None, "Carrying a concealed firearm", "Portar un arma de fuego oculta"),
    ("PC", "25850", None, "Carrying a loaded firearm in public", "Portar un arma de fuego cargada en público"),
    # Driving
    ("VC", "2800", None, "Failing to obey a police officer", "No obedecer a un agente de policía"),
    ("VC", "2800.2", None, "Evading police with reckless driving",
     "Evadir a la policía manejando de forma imprudente"),
    ("VC", "10851", None, "Taking a vehicle without permission", "Tomar un vehículo sin permiso"),
    ("VC", "12500", None, "Driving without a license", "Manejar sin licencia"),
    ("VC", "14601", None, "Driving with a suspended license", "Manejar con la licencia suspendida"),
    ("VC", "14601.1", None, "Driving with a suspended license", "Manejar con la licencia suspendida"),
    ("VC", "20001", None, "Hit and run causing injury", "Huir de un accidente con lesionados"),
    ("VC", "20002", None, "Hit and run causing property damage", "Huir de un accidente con daños materiales"),
    ("VC", "23103", None, "Reckless driving", "Manejo imprudente"),
    ("VC", "23152", None, "Driving under the influence (DUI)", "Manejar bajo la influencia (DUI)"),
    ("VC", "23153", None, "Driving under the influence causing injury",
     "Manejar bajo la influencia causando lesiones"),
    # Other codes
    ("BP", "25658", None, "Providing alcohol to a minor", "Dar alcohol a un menor de edad"),
    ("BP", "25662", None, "Minor in possession of alcohol", "Menor de edad en posesión de alcohol"),
    ("WI", "10980", None, "Welfare fraud", "Fraude de asistencia social"),
)

CODE_NAMES: dict[str, tuple[str, str]] = {
    "HS": ("Health and Safety Code", "Código de Salud y Seguridad"),
    "PC": ("Penal Code", "Código Penal"),
    "VC": ("Vehicle Code", "Código de Vehículos"),
    "BP": ("Business and Professions Code", "Código de Negocios y Profesiones"),
    "WI": ("Welfare and Institutions Code", "Código de Bienestar e Instituciones"),
}

LABELS: dict[tuple[str, str, str | None], tuple[str, str]] = {
    (code, section, subdivision): (en, es) for code, section, subdivision, en, es in _LABEL_ROWS
}

# What the questionnaire offers: (code, section, label_en, label_es), one row per section.
OFFENSE_CHOICES: tuple[tuple[str, str, str, str], ...] = tuple(
    (code, section if subdivision is None else f"{section}({subdivision})", en, es)
    for code, section, subdivision, en, es in _LABEL_ROWS
)


def label_for(code: str, section: str, subdivision: str | None) -> tuple[str, str]:
    """The most specific plain name we have, else a neutral one built from the code's name."""
    found = LABELS.get((code, section, subdivision)) or LABELS.get((code, section, None))
    if found is not None:
        return found
    code_en, code_es = CODE_NAMES[code]
    tail = f"({subdivision})" if subdivision else ""
    return f"{code_en} section {section}{tail}", f"{code_es}, sección {section}{tail}"

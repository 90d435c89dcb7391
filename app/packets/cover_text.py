"""Cover-sheet wording in English and Spanish.

Plain words for a person filing alone; the law it rests on: venue is the court of the county
of conviction (HS 11361.8, PC 1170.18); the DA is served at least 15 days before a dismissal
hearing (PC 1203.4); an arrest's CR-409 goes to the court where the case was filed, else of the county of arrest,
and is served on the DA and the arresting agency 15 court days ahead (PC 851.91, CR-409-INFO); a juvenile sealing
request (JV-595) goes to the probation department of the county of the case, which files it with the juvenile court
(WIC 781; Cal. Rules of Court, rule 5.830; selfhelp.courts.ca.gov); no filing fee (AB 134, Stats. 2023, ch. 47; none for Prop 64/47).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

LANGUAGES = ("en", "es")

_EN: dict[str, str] = {
    "document_title": "Court papers to clear your record",
    "heading": "Your court papers",
    "case": "Case number",
    "case_unknown": "unknown: find it on your court papers or RAP sheet and write it on every form",
    "review_alert": "An attorney should review these papers before you file them.",
    "review_why": "Why:",
    "contents": "What is in this set",
    "order": "File them in this order:",
    "where": "Where to file",
    "where_text": "File in the superior court of the county where you were convicted:",
    "county_unknown": "We do not know the county of this case. File in the superior court of the county where you were convicted.",
    "address_unverified": "We have not confirmed this address. Before you go, confirm the filing address on the court's website or with the clerk's office.",
    "address_missing": "Find the criminal clerk's filing address on the court's website or call the clerk's office.",
    "website": "Court website",
    "copies": "Copies",
    "copies_text": "Sign and date each form where it says so. Make two copies of everything: the clerk keeps the original, one copy goes to the District Attorney, and you keep one. Ask the clerk to stamp your copy.",
    "serve": "Whom to give copies to (service)",
    "serve_da": "The District Attorney of {county} County must get a copy of your papers. Someone 18 or older who is not you delivers them in person or mails them, then fills out and signs the proof of service; you file that proof with the court.",
    "serve_da_unknown_county": "The District Attorney of the county where you were convicted must get a copy of your papers. Someone 18 or older who is not you delivers them in person or mails them, then fills out and signs the proof of service; you file that proof with the court.",
    "serve_15_days": "For the Petition for Dismissal (CR-180), the District Attorney must be served at least 15 days before the hearing.",
    "serve_prop64": "For the Prop 64 petition or application (CR-400), use form CR-401 as the proof of service.",
    "fees": "Fees",
    "fees_text": "$0. There is no filing fee for these petitions. If the clerk asks for a fee, say that the fee was eliminated (AB 134, 2023) and call your legal office.",
    "next": "What happens next",
    "next_items": "The District Attorney may answer or object.|The court may set a hearing and will tell you the date, time and department; you may be asked to attend.|If the judge grants it, the court signs the order. Ask the clerk for a certified copy and keep it.|A few months later, check that your record was updated (you can ask the California Department of Justice for a copy of your record).",
    "help": "Questions? Your legal office",
    "help_none": "Questions? Contact a legal aid office or the court's self-help center in your county.",
    "phone": "Phone",
    "email": "E-mail",
    "forms_in_english": "The court forms are in English, as the court requires.",
    "form.CR-400": "CR-400: Petition/Application to clear a marijuana conviction (Prop 64). Sign it.",
    "form.CR-401": "CR-401: Proof of service for the CR-400. The person who serves the District Attorney fills it out and signs it.",
    "form.PROP-47": "Petition/Application under Prop 47 (Penal Code 1170.18). Sign it.",
    "form.CR-180": "CR-180: Petition for Dismissal. Sign it on page 3.",
    "form.MC-025": "MC-025: Attachment listing the rest of your convictions in this case. It goes with the CR-180.",
    "form.MC-031": "MC-031: Declaration, where you explain in your own words why the court should grant your petition. Sign it.",
    "form.CR-181": "CR-181: Order for Dismissal. The judge fills it out; do not sign it.",
    "form.POS": "Proof of service for the petition. The person who serves the District Attorney fills it out and signs it.",
    "form.CR-409": "CR-409: Petition to Seal Arrest and Related Records (Penal Code 851.91), for one arrest. Sign it.",
    "where_text_arrest": "File in the superior court where the case was filed or, if no case was filed, in the county of the arrest:",
    "serve_arrest": "For the petition to seal an arrest (CR-409), the District Attorney and the police or sheriff's department that made the arrest ({agency}) must each get a copy at least 15 court days before the hearing.",
    "agency_unknown": "find its name on your arrest papers",
    "form.CR-410": "CR-410: Order to Seal Arrest and Related Records. The judge fills it out; do not sign it.",
    "form.JV-595": "JV-595: Request to Seal Juvenile Records (Welfare and Institutions Code 781). Sign it.",
    "juvenile_blanks": "We filled in only your name, other names, date of birth and address, and whether you are 18 or older. Our questions did not ask about your juvenile case, so the county, the case number, the agencies that have records, the statements in items 5 and 6 and your rehabilitation in item 7 are blank. An attorney, or you, must fill them in before the request is filed.",
    "where_juvenile": "Take this request to the probation department of the county where your juvenile case was. In a few counties it goes to the juvenile court instead: ask the probation department. Probation reviews it and files it with the juvenile court.",
    "copies_juvenile": "Sign and date the request where it says so. Make a copy for yourself before you hand it in, and ask for your copy to be stamped.",
    "fees_juvenile": "Ask the probation department whether there is a fee for a juvenile sealing request. If you cannot pay it, ask how to have it waived.",
    "next_items_juvenile": "The probation department looks into your request and may contact you.|The court may set a hearing; the prosecutor and probation may speak at it, and you may be asked to attend.|If the judge grants it, the court orders your juvenile records sealed and tells the agencies that hold them.|A few months later, ask the court or the probation department to confirm that your records were sealed.",
    "serve_juvenile": "You do not serve this request yourself: the probation department files it with the court and lists the agencies that have records of your case.",
    "good_cause": "Your Prop 47 application is being filed after the November 4, 2022 deadline, so it includes a paragraph explaining the good cause for filing late. Read it and add your own reasons if you can.",
}

_ES: dict[str, str] = {
    "document_title": "Documentos judiciales para limpiar su récord",
    "heading": "Sus documentos para la corte",
    "case": "Número de caso",
    "case_unknown": "desconocido: búsquelo en sus papeles de la corte o en su récord (RAP sheet) y escríbalo en cada formulario",
    "review_alert": "Un abogado debe revisar estos documentos antes de que usted los presente.",
    "review_why": "Por qué:",
    "contents": "Qué contiene este paquete",
    "order": "Preséntelos en este orden:",
    "where": "Dónde presentarlos",
    "where_text": "Preséntelos en la corte superior del condado donde fue condenado:",
    "county_unknown": "No sabemos el condado de este caso. Preséntelos en la corte superior del condado donde fue condenado.",
    "address_unverified": "No hemos confirmado esta dirección. Antes de ir, confirme la dirección en el sitio web de la corte o con la secretaría (clerk).",
    "address_missing": "Busque la dirección de la secretaría penal en el sitio web de la corte o llame a la secretaría.",
    "website": "Sitio web de la corte",
    "copies": "Copias",
    "copies_text": "Firme y ponga la fecha en cada formulario donde se indica. Haga dos copias de todo: la secretaría se queda con el original, una copia es para el Fiscal de Distrito y usted guarda una. Pida que sellen su copia.",
    "serve": "A quién entregar copias (notificación)",
    "serve_da": "El Fiscal de Distrito (District Attorney) del condado de {county} debe recibir una copia de sus documentos. Una persona de 18 años o más que no sea usted se la entrega en persona o por correo y luego llena y firma la prueba de entrega (proof of service); usted presenta esa prueba en la corte.",
    "serve_da_unknown_county": "El Fiscal de Distrito (District Attorney) del condado donde fue condenado debe recibir una copia de sus documentos. Una persona de 18 años o más que no sea usted se la entrega en persona o por correo y luego llena y firma la prueba de entrega (proof of service); usted presenta esa prueba en la corte.",
    "serve_15_days": "Para la Petición de Desestimación (CR-180), el Fiscal de Distrito debe recibirla por lo menos 15 días antes de la audiencia.",
    "serve_prop64": "Para la petición o solicitud de la Proposición 64 (CR-400), use el formulario CR-401 como prueba de entrega.",
    "fees": "Costos",
    "fees_text": "$0. No hay que pagar por presentar estas peticiones. Si la secretaría le pide un pago, diga que ese cobro se eliminó (AB 134, 2023) y llame a su oficina legal.",
    "next": "Qué pasa después",
    "next_items": "El Fiscal de Distrito puede responder u oponerse.|La corte puede fijar una audiencia y le avisará la fecha, la hora y el departamento; quizá le pidan asistir.|Si el juez la concede, la corte firma la orden. Pida una copia certificada y guárdela.|Unos meses después, verifique que su récord se haya actualizado (puede pedir una copia de su récord al Departamento de Justicia de California).",
    "help": "¿Preguntas? Su oficina legal",
    "help_none": "¿Preguntas? Comuníquese con una oficina de ayuda legal o con el centro de ayuda de la corte de su condado.",
    "phone": "Teléfono",
    "email": "Correo electrónico",
    "forms_in_english": "Los formularios de la corte están en inglés, como lo exige la corte.",
    "form.CR-400": "CR-400: Petición/Solicitud para limpiar una condena de marihuana (Proposición 64). Fírmela.",
    "form.CR-401": "CR-401: Prueba de entrega del CR-400. La persona que entrega la copia al Fiscal de Distrito la llena y la firma.",
    "form.PROP-47": "Petición/Solicitud bajo la Proposición 47 (Código Penal 1170.18). Fírmela.",
    "form.CR-180": "CR-180: Petición de Desestimación. Fírmela en la página 3.",
    "form.MC-025": "MC-025: Anexo con el resto de sus condenas en este caso. Va junto con el CR-180.",
    "form.MC-031": "MC-031: Declaración, donde usted explica con sus propias palabras por qué la corte debe conceder su petición. Fírmela.",
    "form.CR-181": "CR-181: Orden de Desestimación. La llena el juez; no la firme.",
    "form.POS": "Prueba de entrega de la petición. La persona que entrega la copia al Fiscal de Distrito la llena y la firma.",
    "form.CR-409": "CR-409: Petición para sellar el arresto y sus expedientes (Código Penal 851.91), para un arresto. Fírmela.",
    "where_text_arrest": "Preséntela en la corte superior donde se abrió el caso o, si no se abrió ningún caso, en el condado del arresto:",
    "serve_arrest": "Para la petición para sellar un arresto (CR-409), el Fiscal de Distrito y el departamento de policía o del sheriff que hizo el arresto ({agency}) deben recibir cada uno una copia por lo menos 15 días hábiles de la corte antes de la audiencia.",
    "agency_unknown": "busque su nombre en los papeles del arresto",
    "form.CR-410": "CR-410: Orden para sellar el arresto y sus expedientes. La llena el juez; no la firme.",
    "form.JV-595": "JV-595: Solicitud para sellar expedientes juveniles (Código de Bienestar e Instituciones 781). Fírmela.",
    "juvenile_blanks": "Solo llenamos su nombre, otros nombres, fecha de nacimiento y dirección, y si tiene 18 años o más. Nuestras preguntas no pidieron datos de su caso juvenil, así que el condado, el número de caso, las agencias que tienen expedientes, las declaraciones de los puntos 5 y 6 y su rehabilitación en el punto 7 están en blanco. Un abogado, o usted, debe llenarlos antes de presentar la solicitud.",
    "where_juvenile": "Lleve esta solicitud al departamento de libertad condicional (probation) del condado donde estuvo su caso juvenil. En algunos condados se entrega en el tribunal de menores: pregunte en el departamento de libertad condicional. Ellos la revisan y la presentan ante el tribunal de menores.",
    "copies_juvenile": "Firme y ponga la fecha en la solicitud donde se indica. Haga una copia para usted antes de entregarla y pida que sellen su copia.",
    "fees_juvenile": "Pregunte en el departamento de libertad condicional si hay que pagar por la solicitud para sellar un caso juvenil. Si no puede pagar, pregunte cómo pedir que no se lo cobren.",
    "next_items_juvenile": "El departamento de libertad condicional revisa su solicitud y puede comunicarse con usted.|La corte puede fijar una audiencia; el fiscal y el departamento de libertad condicional pueden hablar en ella, y quizá le pidan asistir.|Si el juez la concede, la corte ordena sellar sus expedientes juveniles y avisa a las agencias que los tienen.|Unos meses después, pida a la corte o al departamento de libertad condicional que le confirmen que sus expedientes fueron sellados.",
    "serve_juvenile": "Usted no tiene que entregar copias de esta solicitud: el departamento de libertad condicional la presenta ante el tribunal y anota las agencias que tienen expedientes de su caso.",
    "good_cause": "Su solicitud de la Proposición 47 se presenta después de la fecha límite del 4 de noviembre de 2022, así que incluye un párrafo que explica la causa justificada para presentarla tarde. Léalo y agregue sus propias razones si puede.",
}

_TEXTS: Mapping[str, Mapping[str, str]] = MappingProxyType({"en": MappingProxyType(_EN), "es": MappingProxyType(_ES)})


def cover_text(language: str) -> Mapping[str, str]:
    """The wording for one language; unknown languages fall back to English."""
    return _TEXTS.get(language, _TEXTS["en"])

"""Text of the demo site, written for this project from the programme's public facts.

Blocks are given in StreamField's JSON form so that the loader can compare them
with what is stored and publish only when something changed.
"""

import datetime


def heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def callout(tone: str, title: str, html: str) -> dict:
    return {"type": "callout", "value": {"tone": tone, "title": title, "text": html}}


def table(header: list[str], rows: list[list[str]], caption: str) -> dict:
    return {
        "type": "table",
        "value": {
            "data": [header, *rows],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": caption,
        },
    }


HOME_INTRO = (
    "<p>Gestiona Energía es el programa del Ministerio de Energía que acompaña a los "
    "servicios públicos en la gestión de su consumo de energía y en el cumplimiento del "
    "Sistema Estado Verde. Aquí los servicios registran sus inmuebles, consumos y datos "
    "ambientales, sus gestores se capacitan y sus colaboradores se concientizan.</p>"
)

# --- Ley 21.305 ------------------------------------------------------------------------

LEY_INTRO = (
    "La Ley N° 21.305 sobre Eficiencia Energética, publicada en febrero de 2021, es la "
    "primera ley chilena dedicada por completo a la eficiencia energética."
)
LEY_BODY = [
    paragraph(
        "<p>La ley ordena cómo el país planifica y mide el uso de la energía, qué deben "
        "hacer quienes más energía consumen y cómo se informa a las personas sobre el "
        "desempeño energético de edificios y vehículos.</p>"
    ),
    heading("Qué exige la ley"),
    heading("Plan Nacional de Eficiencia Energética", "h3"),
    paragraph(
        "<p>El Ministerio de Energía debe elaborar cada cinco años un Plan Nacional de "
        "Eficiencia Energética. La meta es que, al año 2030, la intensidad energética del "
        "país —la energía que se usa por unidad de producto— sea al menos un 10 % menor "
        "que la de 2019.</p>"
    ),
    heading("Grandes consumidores de energía", "h3"),
    paragraph(
        "<p>Las empresas cuyo consumo de energía es igual o superior a 50 teracalorías al "
        "año deben implementar un <b>sistema de gestión de energía</b> y reportar su "
        "consumo. Un sistema de gestión de energía es la forma ordenada de medir, "
        "revisar y mejorar el uso de la energía año a año.</p>"
    ),
    heading("Calificación energética de edificaciones", "h3"),
    paragraph(
        "<p>La ley crea la calificación energética de las edificaciones nuevas: una "
        "etiqueta que informa a quien compra o arrienda cuánta energía requiere el "
        "inmueble para su uso normal.</p>"
    ),
    heading("Vehículos", "h3"),
    paragraph(
        "<p>Establece estándares de eficiencia energética para los vehículos motorizados "
        "nuevos y la interoperabilidad de los sistemas de recarga de vehículos "
        "eléctricos.</p>"
    ),
    heading("Fechas clave"),
    table(
        ["Año", "Qué ocurre"],
        [
            ["2019", "Año de referencia para la meta de intensidad energética."],
            ["2021", "Publicación de la Ley N° 21.305 (febrero)."],
            ["Cada 5 años", "Nuevo Plan Nacional de Eficiencia Energética."],
            ["2030", "Intensidad energética al menos 10 % menor que en 2019."],
        ],
        "Fechas de la Ley 21.305",
    ),
    heading("Qué significa para los servicios públicos"),
    paragraph(
        "<p>Las obligaciones de gestión de energía de la ley se dirigen a los grandes "
        "consumidores, pero el Estado también contribuye a la meta nacional gestionando "
        "la energía de sus propios edificios y vehículos. Ese es el trabajo que ordena "
        "Gestiona Energía: cada servicio designa gestores energéticos, registra sus "
        "inmuebles y sus boletas de consumo y, desde 2023, cumple el Sistema Estado "
        "Verde.</p>"
    ),
    callout(
        "info",
        "Texto oficial",
        "<p>El texto completo de la ley está disponible en la Biblioteca del Congreso "
        "Nacional, buscando «Ley 21.305».</p>",
    ),
]

# --- ¿Qué es? -------------------------------------------------------------------------

QUE_ES_INTRO = (
    "Gestiona Energía es el programa del Ministerio de Energía que acompaña, desde 2016, "
    "a los servicios públicos en la gestión de su energía y, desde 2023, en el Sistema "
    "Estado Verde."
)
QUE_ES_BODY = [
    paragraph(
        "<p>Cada servicio público designa <b>gestores energéticos</b> y reporta en la "
        "plataforma el consumo de energía de sus inmuebles. Con esa información el "
        "servicio conoce cuánto consume, detecta dónde puede ahorrar y da cuenta de sus "
        "resultados.</p>"
    ),
    paragraph(
        "<p>Entre 2017 y 2022 el indicador «Eficiencia Energética» del Programa de "
        "Mejoramiento de la Gestión (PMG) se apoyó en esta plataforma: lo tuvieron "
        "comprometido 130 servicios en 2017, 131 en 2018, 137 en 2019, 142 en 2020, 149 "
        "en 2021 y 152 en 2022. Además, cerca de 30 servicios —municipios y servicios de "
        "salud, entre otros— participan en forma voluntaria.</p>"
    ),
    heading("Las plataformas"),
    table(
        ["Plataforma", "Para quién", "Para qué"],
        [
            [
                "Gestión",
                "Gestores de servicio y de unidad; Encargado del Comité Estado Verde",
                "Inmuebles, consumos de energía, papel, agua, residuos e información "
                "del servicio (objetivos O1 y O2 del Sistema Estado Verde).",
            ],
            [
                "Flota Pública Vehicular",
                "Gestores de servicio, gestores de flota y conductores",
                "Vehículos, cargas de combustible y bitácora de viajes (O2-RT5).",
            ],
            [
                "Capacitación",
                "Gestores de servicio, de unidad y de flota",
                "Curso «Introducción a la Gestión de Energía», con certificado.",
            ],
            [
                "Concientización",
                "Todos los colaboradores y colaboradoras",
                "Curso «Concientización en gestión sustentable del Sector Público», "
                "con certificado (O1-RT3).",
            ],
        ],
        "Plataformas de Gestiona Energía",
    ),
    heading("La Red"),
    paragraph(
        "<p>La Red es el equipo de especialistas del Ministerio que revisa y valida la "
        "información que cargan los servicios: el alcance, las boletas, los documentos "
        "del Comité Estado Verde y las listas de colaboradores concientizados. Cuando "
        "algo no calza, la Red deja una observación para que el servicio la corrija.</p>"
    ),
    heading("Perfiles de la Plataforma de Gestión"),
    paragraph(
        "<ul><li><b>Gestor de Servicio:</b> administra toda la información del servicio y "
        "crea las cuentas de los demás perfiles.</li>"
        "<li><b>Gestor de Unidad:</b> registra boletas, medidores y datos de Estado Verde "
        "de las unidades que tiene asignadas.</li>"
        "<li><b>Gestor de Consulta:</b> revisa la información y los reportes del servicio, "
        "sin modificarlos.</li>"
        "<li><b>Encargado Comité Estado Verde:</b> carga los documentos del Comité, la "
        "política ambiental, los procedimientos y las listas de colaboradores.</li></ul>"
    ),
    callout(
        "success",
        "¿Cómo obtener una cuenta?",
        "<p>Si su servicio ya participó con el indicador de eficiencia energética 2022, "
        "pida la cuenta a su gestor de servicio. Si es un servicio nuevo, use «¿Nuevo "
        "usuario?» en el ingreso a la Plataforma de Gestión o envíe un ticket a la mesa "
        "de ayuda con el tema «Nuevo Gestor Energético».</p>",
    ),
]

ESTADO_VERDE_INTRO = (
    "Desde 2023 el Sistema Estado Verde forma parte del Programa de Mejoramiento de la "
    "Gestión (PMG), en conjunto con el Ministerio del Medio Ambiente."
)
ESTADO_VERDE_BODY = [
    paragraph(
        "<p>El Sistema Estado Verde amplía la gestión de la energía a la gestión "
        "ambiental del servicio: además de la energía considera los vehículos, los "
        "traslados de las personas, el papel, el agua, los residuos y las compras.</p>"
    ),
    heading("Objetivos"),
    heading("Objetivo 1: institucionalidad y cultura", "h3"),
    paragraph(
        "<ul><li>Constituir el <b>Comité Estado Verde</b> del servicio.</li>"
        "<li>Formular una <b>política ambiental</b>.</li>"
        "<li><b>RT3 – Concientización</b> de los colaboradores, con el curso de la "
        "Plataforma de Concientización.</li></ul>"
    ),
    heading("Objetivo 2: gestión ambiental de las unidades", "h3"),
    paragraph(
        "<ul><li><b>RT1 – Catastro de inmuebles:</b> el inventario de unidades del "
        "servicio.</li>"
        "<li><b>RT4 – Gestión de energía:</b> registro de boletas y consumos.</li>"
        "<li><b>RT5 – Gestión de vehículos:</b> en la Plataforma Flota Pública "
        "Vehicular.</li>"
        "<li>Los demás requisitos técnicos: traslados de personas, gestión del papel, "
        "gestión hídrica, gestión de residuos (incluida la baja de bienes muebles) y "
        "compras sustentables.</li></ul>"
    ),
    heading("Etapas"),
    table(
        ["Etapa", "Año", "Qué hace el servicio"],
        [
            ["Etapa 1", "2023", "Diagnóstico: catastro de unidades y línea base."],
            [
                "Etapa 2",
                "2024",
                "Plan de Gestión Ambiental: brechas, objetivos, medidas, indicadores y "
                "programa de trabajo, aprobado por resolución.",
            ],
            ["Etapa 3", "2025", "Implementación del plan."],
        ],
        "Etapas del Sistema Estado Verde",
    ),
    heading("Hitos del inventario de unidades (2023)"),
    table(
        ["Hito", "Fecha", "Qué ocurre"],
        [
            [
                "Hito 1",
                "A más tardar el 31 de mayo",
                "El servicio actualiza y ratifica el inventario de sus unidades en la "
                "plataforma.",
            ],
            [
                "Hito 2",
                "15 de junio",
                "La Subsecretaría de Energía envía por correo una versión preliminar del "
                "inventario, construida con los datos de la plataforma.",
            ],
            [
                "Hito 3",
                "30 de junio",
                "El servicio envía sus observaciones al inventario preliminar; puede "
                "pedir reuniones para resolver casos puntuales.",
            ],
            [
                "Hito 4",
                "31 de julio",
                "Envío por oficio del inventario definitivo: qué unidades hacen gestión "
                "de energía (RT4) y cuáles los demás requisitos (RT5 a RT10).",
            ],
        ],
        "Hitos del inventario de unidades 2023",
    ),
    callout(
        "warning",
        "Qué unidades cargar",
        "<p>Deben cargarse todas las unidades que el servicio usa desde, a más tardar, el "
        "1 de noviembre del año anterior, para contar con 12 meses de información. Las "
        "unidades sin consumo de energía o sin gestión de energía necesitan una "
        "justificación en Configuración &gt; Estado reporte de consumos unidades.</p>",
    ),
    heading("Qué unidades cuentan en el indicador"),
    paragraph(
        "<p>En el módulo Alcance el servicio indica, para cada unidad, desde qué año hace "
        "gestión energética y desde qué año gestiona los demás ítems. Una unidad reporta "
        "energía cuando ese año ya llegó, y entra al indicador de eficiencia solo si no "
        "comparte medidor de electricidad ni de gas de red con otras unidades.</p>"
    ),
]

# --- Noticias -------------------------------------------------------------------------

NEWS = [
    {
        "slug": "resultados-2022",
        "title": "Resultados 2022 de Gestiona Energía en el Sector Público",
        "date": datetime.date(2023, 4, 17),
        "intro": (
            "En 2022 participaron 152 servicios con el indicador PMG de eficiencia "
            "energética y cerca de 30 servicios voluntarios."
        ),
        "body": [
            paragraph(
                "<p>Durante 2022 se registraron cerca de 5.300 edificios y más de 3.500 "
                "gestores energéticos en la plataforma. Se obtuvo información de consumo "
                "de 3.758 edificios: 3.421 consumen solo electricidad y 337 combinan "
                "electricidad y combustibles.</p>"
            ),
            paragraph(
                "<p>Las cifras de cada año y su evolución desde 2017 están en la página "
                "Resultados.</p>"
            ),
        ],
    },
    {
        "slug": "hitos-inventario-2023",
        "title": "Calendario 2023 del inventario de unidades",
        "date": datetime.date(2023, 5, 2),
        "intro": (
            "Los servicios deben actualizar y ratificar su inventario de unidades a más "
            "tardar el 31 de mayo."
        ),
        "body": [
            paragraph(
                "<p>El inventario de unidades (O2-RT1) se cierra en cuatro hitos: "
                "actualización hasta el 31 de mayo, inventario preliminar el 15 de junio, "
                "observaciones hasta el 30 de junio e inventario definitivo por oficio el "
                "31 de julio.</p>"
            ),
            paragraph(
                "<p>La Guía explicativa para la actualización de unidades, en la "
                "Biblioteca, explica paso a paso cómo revisar, crear y completar las "
                "unidades en la plataforma.</p>"
            ),
        ],
    },
    {
        "slug": "curso-concientizacion",
        "title": "Curso de concientización abierto a todos los colaboradores",
        "date": datetime.date(2023, 6, 5),
        "intro": (
            "La Plataforma de Concientización ofrece el curso «Concientización en "
            "gestión sustentable del Sector Público», con certificado."
        ),
        "body": [
            paragraph(
                "<p>El curso está recomendado para todos los colaboradores y "
                "colaboradoras de los servicios públicos y permite cumplir el requisito "
                "RT3 del Objetivo 1 del Sistema Estado Verde. Cada persona crea su propia "
                "cuenta en la plataforma y, al aprobar, descarga su certificado.</p>"
            ),
        ],
    },
]

# --- Preguntas Frecuentes -------------------------------------------------------------

FAQ_TOPICS = [
    ("cuentas-y-acceso", "Cuentas y acceso"),
    ("sistema-estado-verde", "Sistema Estado Verde"),
    ("unidades-y-consumos", "Unidades, medidores y consumos"),
    ("cursos-y-flota", "Cursos, certificados y flota"),
]

FAQ_ITEMS = [
    (
        "cuentas-y-acceso",
        "¿Cómo obtengo una cuenta en la Plataforma de Gestión?",
        "<p>Si su servicio tuvo el indicador de eficiencia energética en 2022, pida la "
        "cuenta a su gestor de servicio. Si es un servicio nuevo, pinche «¿Nuevo "
        "usuario?» en la página de ingreso, que abre un ticket con el tema «Nuevo Gestor "
        "Energético», o envíe un ticket solicitando la creación. Los gestores de "
        "servicio se designan mediante oficio.</p>",
    ),
    (
        "cuentas-y-acceso",
        "¿Qué perfiles existen en la Plataforma de Gestión?",
        "<p>Gestor de Servicio, Gestor de Unidad, Gestor de Consulta y Encargado Comité "
        "Estado Verde. El Gestor de Servicio administra todo el servicio y crea las "
        "cuentas de los demás; el Gestor de Unidad trabaja en las unidades asignadas; el "
        "Gestor de Consulta solo revisa; el Encargado del Comité carga los documentos "
        "del Comité Estado Verde y las listas de colaboradores.</p>",
    ),
    (
        "cuentas-y-acceso",
        "¿Sirve la misma cuenta para todas las plataformas?",
        "<p>No. La cuenta de Gestión sirve también para la Plataforma Flota, pero "
        "Capacitación y Concientización tienen cuentas propias: cada persona se registra "
        "en ellas con su correo y una contraseña distinta.</p>",
    ),
    (
        "cuentas-y-acceso",
        "¿Por qué la plataforma me pide un código de verificación?",
        "<p>Las plataformas de Gestión y Flota usan verificación en dos pasos: después "
        "de la contraseña se ingresa el código de seis dígitos que muestra la aplicación "
        "de autenticación del teléfono. Así, aunque alguien conozca su contraseña, no "
        "puede entrar sin su teléfono.</p>",
    ),
    (
        "sistema-estado-verde",
        "¿Qué es el Sistema Estado Verde?",
        "<p>Es el sistema del Programa de Mejoramiento de la Gestión (PMG) que, desde "
        "2023 y junto al Ministerio del Medio Ambiente, ordena la gestión ambiental de "
        "los servicios: Comité Estado Verde, política ambiental, concientización de "
        "colaboradores y la gestión de energía, vehículos, traslados, papel, agua, "
        "residuos y compras sustentables.</p>",
    ),
    (
        "sistema-estado-verde",
        "¿Cuáles son las etapas del Sistema Estado Verde?",
        "<p>Etapa 1 (2023): diagnóstico. Etapa 2 (2024): Plan de Gestión Ambiental, con "
        "brechas, objetivos, medidas, indicadores y programa de trabajo, aprobado por "
        "resolución. Etapa 3 (2025): implementación del plan.</p>",
    ),
    (
        "sistema-estado-verde",
        "¿Cuáles son los hitos del inventario de unidades?",
        "<p>Hito 1, a más tardar el 31 de mayo: el servicio actualiza y ratifica sus "
        "unidades. Hito 2, 15 de junio: la Subsecretaría envía el inventario "
        "preliminar. Hito 3, 30 de junio: el servicio envía observaciones. Hito 4, 31 de "
        "julio: inventario definitivo por oficio.</p>",
    ),
    (
        "sistema-estado-verde",
        "¿Qué se define en el módulo Alcance?",
        "<p>Para cada unidad, el año desde el que hará gestión energética (RT4) y el año "
        "desde el que gestionará los demás ítems (RT5 a RT10): 2023, 2024 o 2025. Las "
        "unidades que no comiencen en 2023 necesitan una justificación.</p>",
    ),
    (
        "unidades-y-consumos",
        "¿Qué unidades debo cargar en el catastro de inmuebles?",
        "<p>Todas las unidades que el servicio usa desde, a más tardar, el 1 de noviembre "
        "del año anterior, para contar con 12 meses de datos. Si un edificio no existe en "
        "la plataforma, créelo primero y luego cree la unidad asociada a él.</p>",
    ),
    (
        "unidades-y-consumos",
        "¿Cómo registro los energéticos y medidores de una unidad?",
        "<p>En Mi Unidad &gt; Energéticos encienda cada fuente que la unidad consume. "
        "Para electricidad, gas natural y gas licuado agregue primero el número de "
        "cliente (distribuidora, número, tarifa y potencia conectada) y luego cada "
        "medidor, indicando si es inteligente, si es compartido y si hay acceso a la "
        "factura.</p>",
    ),
    (
        "unidades-y-consumos",
        "¿Qué pasa si una unidad comparte medidor con otra?",
        "<p>Márquelo al crear el medidor. La unidad sigue registrando sus boletas, pero "
        "si comparte el medidor de electricidad o de gas de red no entra al indicador de "
        "eficiencia energética, porque su consumo no se puede separar del de las otras "
        "unidades.</p>",
    ),
    (
        "unidades-y-consumos",
        "¿Cómo se convierten los consumos a kWh?",
        "<p>Cada boleta se guarda con la unidad en que viene y con su equivalente en kWh, "
        "usando los poderes caloríficos del Balance Nacional de Energía (1 kWh = 860 "
        "kcal). Por ejemplo, 1 m³ de gas natural equivale a 10,86 kWh y 1 litro de "
        "diésel a 10,65 kWh.</p>",
    ),
    (
        "unidades-y-consumos",
        "¿Qué hago si una unidad no tendrá consumos o no hará gestión de energía?",
        "<p>Ingrese una justificación en Configuración &gt; Estado reporte de consumos "
        "unidades. Si una unidad deja de usarse, el servicio puede enviar un oficio con "
        "la justificación para modificar el inventario.</p>",
    ),
    (
        "cursos-y-flota",
        "¿Quién debe tomar el curso de Capacitación?",
        "<p>El curso «Introducción a la Gestión de Energía» está recomendado para los "
        "gestores de servicio, de unidad y de flota; no es para todos los colaboradores. "
        "Al aprobarlo se descarga un certificado desde la plataforma.</p>",
    ),
    (
        "cursos-y-flota",
        "¿Quién debe tomar el curso de Concientización?",
        "<p>Todos los colaboradores y colaboradoras del servicio. El curso «Concientización "
        "en gestión sustentable del Sector Público» permite cumplir el requisito RT3 del "
        "Objetivo 1; cada persona crea su cuenta y descarga su certificado al "
        "aprobar.</p>",
    ),
    (
        "cursos-y-flota",
        "¿Cómo verifico un certificado?",
        "<p>Cada certificado trae un código y un código QR. Ingrese el código en la "
        "página «Verificar un certificado» (enlace en la parte superior del sitio) para "
        "saber si es válido.</p>",
    ),
    (
        "cursos-y-flota",
        "¿Cómo se crean las cuentas de la Plataforma Flota?",
        "<p>El Gestor de Servicio usa su misma cuenta de Gestión y crea los perfiles de "
        "Gestor de Flota y de Conductor. La plataforma permite cumplir el requisito RT5 "
        "(gestión de vehículos) del Objetivo 2.</p>",
    ),
]

# --- Biblioteca -----------------------------------------------------------------------

GUIDES = [
    {
        "slug": "manual-plataforma-gestion",
        "title": "Manual de uso de plataforma de Gestión",
        "category": "manuales",
        "published_on": datetime.date(2023, 4, 10),
        "description": (
            "Cómo ingresar, cómo está organizada la plataforma y qué se hace en cada "
            "módulo. Para gestores de servicio, de unidad y de consulta."
        ),
        "intro": (
            "Este manual explica cómo ingresar a la Plataforma de Gestión de Gestiona "
            "Energía, cómo está organizada la información y qué se hace en cada módulo."
        ),
        "sections": [
            (
                "1. Ingreso",
                [
                    "Ingrese con su correo y su contraseña. Luego escriba el código de "
                    "seis dígitos que muestra la aplicación de autenticación de su "
                    "teléfono: la plataforma usa verificación en dos pasos.",
                    "Si olvidó su contraseña, use «¿Olvidó su contraseña?». Si aún no "
                    "tiene cuenta, pídala a su gestor de servicio o use «¿Nuevo usuario?».",
                ],
                [],
            ),
            (
                "2. Cómo se organiza la información",
                [
                    "La plataforma sigue la estructura de los inmuebles del servicio:",
                ],
                [
                    "Complejo de edificios > Edificio > Unidad > Pisos o áreas.",
                    "Cada unidad es el espacio que ocupa el servicio en un edificio, "
                    "con su superficie, pisos, tipo de uso y colaboradores.",
                ],
            ),
            (
                "3. Módulos de cada unidad",
                [],
                [
                    "Mi Unidad: información general y energéticos (fuentes, números de "
                    "cliente y medidores).",
                    "Consumo: registro de las boletas de todas las fuentes de energía.",
                    "Estado Verde: gestión de papel, agua y residuos.",
                    "Reportes: consumos, costos e indicadores de la información cargada.",
                ],
            ),
            (
                "4. Módulos del servicio",
                [],
                [
                    "Información: Alcance (desde qué año cada unidad hace gestión de "
                    "energía y de los demás ítems), Documentos (Comité Estado Verde, "
                    "procedimientos, colaboradores concientizados), Información agregada "
                    "y Colaboradores (encuesta de traslados y viajes en avión).",
                    "Configuración: usuarios, edificios, unidades, certificados y estado "
                    "del reporte de consumos de las unidades.",
                ],
            ),
            (
                "5. Perfiles",
                [],
                [
                    "Gestor de Servicio: toda la información del servicio; crea las "
                    "demás cuentas.",
                    "Gestor de Unidad: boletas, medidores y Estado Verde de sus unidades.",
                    "Gestor de Consulta: solo lectura, incluidos reportes.",
                    "Encargado Comité Estado Verde: documentos del Comité y listas de "
                    "colaboradores.",
                ],
            ),
        ],
    },
    {
        "slug": "guia-actualizacion-unidades",
        "title": "Guía explicativa para la actualización de unidades",
        "category": "guias",
        "published_on": datetime.date(2023, 5, 2),
        "description": (
            "Paso a paso para revisar, crear y completar las unidades del servicio antes "
            "del primer hito del inventario (31 de mayo)."
        ),
        "intro": (
            "El catastro de inmuebles (O2-RT1) es la base del Sistema Estado Verde. Esta "
            "guía explica cómo dejar al día las unidades del servicio en la plataforma."
        ),
        "sections": [
            (
                "Paso 1. Revise las unidades existentes",
                [
                    "En Configuración > Unidades revise cada unidad: dirección, pisos, "
                    "superficie y si sigue activa. Edite lo que haya cambiado.",
                ],
                [],
            ),
            (
                "Paso 2. Cree el edificio, si no existe",
                [
                    "Antes de crear una unidad, el edificio debe existir. Ingrese la "
                    "calle, el número y la región, provincia y comuna.",
                ],
                [],
            ),
            (
                "Paso 3. Cree la unidad",
                [
                    "Complete institución, servicio, nombre, tipo de uso, pisos, "
                    "superficie en m², tipo de propiedad, N° de rol (o indique que no "
                    "posee rol, con su justificación) y año de construcción.",
                ],
                [],
            ),
            (
                "Paso 4. Energéticos y medidores",
                [
                    "En Mi Unidad > Energéticos encienda las fuentes que la unidad "
                    "consume. Para electricidad, gas natural y gas licuado:",
                ],
                [
                    "Agregue el número de cliente: distribuidora, número, tipo de "
                    "tarifa y potencia conectada.",
                    "Agregue cada medidor: número, si es inteligente, si es compartido "
                    "con otras unidades y si hay acceso a la factura.",
                ],
            ),
            (
                "Paso 5. Vehículos",
                [
                    "Si la unidad dispone de vehículos del servicio, asígnelos en la "
                    "edición de la unidad. Deben estar cargados antes en la Plataforma "
                    "Flota.",
                ],
                [],
            ),
            (
                "Consideraciones",
                [],
                [
                    "Cargue todas las unidades en uso desde, a más tardar, el 1 de "
                    "noviembre del año anterior (12 meses de información).",
                    "Las unidades sin consumo o sin gestión de energía necesitan una "
                    "justificación en Configuración > Estado reporte de consumos "
                    "unidades.",
                    "Con las unidades cargadas, defina en Información > Alcance desde "
                    "qué año cada una hace su diagnóstico (2023, 2024 o 2025).",
                    "A fines de julio el Ministerio envía por oficio el inventario "
                    "definitivo de unidades.",
                ],
            ),
        ],
    },
    {
        "slug": "guia-cumplimiento-estado-verde",
        "title": "Guía explicativa para cumplimiento Sistema Estado Verde",
        "category": "guias",
        "published_on": datetime.date(2023, 5, 15),
        "description": (
            "Objetivos, requisitos técnicos, etapas e hitos del Sistema Estado Verde, y "
            "dónde se registra cada uno en las plataformas."
        ),
        "intro": (
            "El Sistema Estado Verde forma parte del PMG desde 2023 y se trabaja junto al "
            "Ministerio del Medio Ambiente. Esta guía resume qué pide y dónde se "
            "registra cada requisito."
        ),
        "sections": [
            (
                "Objetivo 1",
                [],
                [
                    "Comité Estado Verde: su resolución de constitución e integrantes se "
                    "cargan en Información > Documentos.",
                    "Política ambiental del servicio.",
                    "RT3 – Concientización: los colaboradores aprueban el curso de la "
                    "Plataforma de Concientización; la lista se revisa en Gestión.",
                ],
            ),
            (
                "Objetivo 2",
                [],
                [
                    "RT1 – Catastro de inmuebles: unidades en Configuración > Unidades.",
                    "RT4 – Gestión de energía: boletas en el módulo Consumo.",
                    "RT5 – Gestión de vehículos: Plataforma Flota Pública Vehicular.",
                    "Traslados de personas, papel, agua, residuos (con la baja de bienes "
                    "muebles) y compras sustentables: módulos Estado Verde e "
                    "Información.",
                ],
            ),
            (
                "Etapas",
                [],
                [
                    "Etapa 1 (2023): diagnóstico.",
                    "Etapa 2 (2024): Plan de Gestión Ambiental (brechas, objetivos, "
                    "medidas, indicadores y programa de trabajo), aprobado por "
                    "resolución.",
                    "Etapa 3 (2025): implementación.",
                ],
            ),
            (
                "Hitos del inventario de unidades",
                [],
                [
                    "Hito 1, a más tardar el 31 de mayo: actualización y ratificación.",
                    "Hito 2, 15 de junio: inventario preliminar enviado por la "
                    "Subsecretaría de Energía.",
                    "Hito 3, 30 de junio: observaciones del servicio.",
                    "Hito 4, 31 de julio: inventario definitivo por oficio.",
                ],
            ),
            (
                "Revisión de la Red",
                [
                    "La Red de especialistas del Ministerio revisa lo cargado y lo "
                    "marca como validado u observado. Las observaciones se responden "
                    "corrigiendo la información en la plataforma.",
                ],
                [],
            ),
        ],
    },
]

LIBRARY_INTRO = (
    "Manuales y guías para usar las plataformas y cumplir el Sistema Estado Verde. "
    "Filtre por categoría o busque por palabras."
)
FAQ_INTRO = (
    "Respuestas a las consultas más comunes sobre las cuentas, el Sistema Estado Verde, "
    "las unidades y los cursos."
)
RESULTS_INTRO = (
    "Cifras de participación de los servicios públicos en Gestiona Energía, publicadas "
    "cada año."
)
NEWS_INTRO = "Noticias y avisos del programa para los servicios públicos."

# --- Resultados -----------------------------------------------------------------------

RESULTS = {
    2017: {"services_pmg": 130},
    2018: {"services_pmg": 131},
    2019: {"services_pmg": 137},
    2020: {"services_pmg": 142},
    2021: {"services_pmg": 149},
    2022: {
        "services_pmg": 152,
        "services_voluntary": 30,
        "buildings_registered": 5300,
        "gestores": 3500,
        "buildings_with_consumption": 3758,
        "buildings_electricity_only": 3421,
        "buildings_mixed": 337,
    },
}
RESULTS_SUMMARY_2022 = (
    "<p>Durante 2022 trabajaron con Gestiona Energía 152 servicios con el indicador de "
    "eficiencia energética del PMG comprometido y cerca de 30 servicios que participan "
    "en forma voluntaria, como municipios y servicios de salud.</p>"
    "<p>En la plataforma se registraron cerca de 5.300 edificios y más de 3.500 "
    "gestores energéticos. Hubo información de consumo de 3.758 edificios: 3.421 "
    "consumen solo electricidad y 337 combinan electricidad y combustibles.</p>"
)


def results_summary(year: int, figures: dict) -> str:
    if year == 2022:
        return RESULTS_SUMMARY_2022
    return (
        f"<p>En {year}, {figures['services_pmg']} servicios tuvieron comprometido el "
        "indicador de eficiencia energética del PMG y reportaron sus consumos en la "
        "plataforma.</p>"
    )

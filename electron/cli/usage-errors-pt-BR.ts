/**
 * commander's usage errors and the argument parsers' own (args.ts) in
 * Brazilian Portuguese: each English message as a pattern, its captured
 * parts (flags, values, names) carried over as typed.
 */
export const USAGE_ERRORS_PT_BR: ReadonlyArray<readonly [RegExp, string]> = [
  [/^error: unknown option '(.*?)'/, "erro: opção desconhecida '$1'"],
  [/^error: unknown command '(.*?)'/, "erro: comando desconhecido '$1'"],
  [/^error: missing required argument '(.*?)'/, "erro: falta o argumento obrigatório '$1'"],
  [/^error: option '(.*?)' argument missing/, "erro: falta o valor da opção '$1'"],
  [/^error: required option '(.*?)' not specified/, "erro: a opção obrigatória '$1' não foi dada"],
  [/^error: option '(.*?)' argument '(.*?)' is invalid\./, "erro: o valor '$2' da opção '$1' é inválido."],
  [
    /^error: command-argument value '(.*?)' is invalid for argument '(.*?)'\./,
    "erro: o valor '$1' do argumento '$2' é inválido.",
  ],
  [
    /^error: too many arguments for '(.*?)'\. Expected (\d+) arguments? but got (\d+)\./,
    "erro: argumentos demais para '$1': esperados $2, recebidos $3.",
  ],
  [
    /^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\./,
    'erro: argumentos demais: esperados $1, recebidos $2.',
  ],
  [/^error: (.*?) cannot be used with (.*)$/m, 'erro: $1 não pode ser usada com $2'],
  [/\(Did you mean (.*?)\?\)/, '(Você quis dizer $1?)'],
  [/Allowed choices are (.*?)\./, 'Valores permitidos: $1.'],
  [/expected name=value, e\.g\. (.*)$/m, 'esperado nome=valor, por exemplo $1'],
  [
    /"(.*?)" is not a parameter name \(letters, digits and _, not starting with a digit\)/,
    '"$1" não é um nome de parâmetro (letras, dígitos e _, sem começar por dígito)',
  ],
  [/parameter "(.*?)" is given twice/, 'o parâmetro "$1" foi dado duas vezes'],
  [/expected a positive whole number/, 'esperado um número inteiro positivo'],
  [/expected a whole number, 0 or more/, 'esperado um número inteiro, 0 ou mais'],
  [/expected a size such as 512MB, 4GB or 1\.5GiB/, 'esperado um tamanho como 512MB, 4GB ou 1.5GiB'],
  [/expected a node id/, 'esperado um id de nó'],
  [/expected a column, e\.g\. (.*)$/m, 'esperada uma coluna, por exemplo $1'],
  [/expected column=text, e\.g\. (.*)$/m, 'esperado coluna=texto, por exemplo $1'],
  [/a filter cannot hold a NUL character/, 'um filtro não pode conter o caractere NUL'],
];

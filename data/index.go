package data

// lookup indexes a validated dataset by id.
type lookup struct {
	banks      map[string]*Bank
	sources    map[string]*Source
	sections   map[string]*Section
	categories map[string]*Category
	cells      map[[2]string]*Cell
}

func (ds *Dataset) index() {
	l := lookup{
		banks:      make(map[string]*Bank, len(ds.Banks)),
		sources:    make(map[string]*Source, len(ds.Sources)),
		sections:   make(map[string]*Section, len(ds.Sections)),
		categories: make(map[string]*Category, len(ds.Categories)),
		cells:      make(map[[2]string]*Cell, len(ds.Cells)),
	}
	for i := range ds.Banks {
		l.banks[ds.Banks[i].ID] = &ds.Banks[i]
	}
	for i := range ds.Sources {
		l.sources[ds.Sources[i].ID] = &ds.Sources[i]
	}
	for i := range ds.Sections {
		l.sections[ds.Sections[i].ID] = &ds.Sections[i]
	}
	for i := range ds.Categories {
		l.categories[ds.Categories[i].ID] = &ds.Categories[i]
	}
	for i := range ds.Cells {
		c := &ds.Cells[i]
		l.cells[[2]string{c.Bank, c.Category}] = c
	}
	ds.lookup = l
}

// Bank returns the bank with the given id, or nil.
func (ds *Dataset) Bank(id string) *Bank { return ds.lookup.banks[id] }

// Source returns the source with the given id, or nil.
func (ds *Dataset) Source(id string) *Source { return ds.lookup.sources[id] }

// Section returns the section with the given id, or nil.
func (ds *Dataset) Section(id string) *Section { return ds.lookup.sections[id] }

// Category returns the category with the given id, or nil.
func (ds *Dataset) Category(id string) *Category { return ds.lookup.categories[id] }

// Cell returns what bank shows for category, or nil.
func (ds *Dataset) Cell(bank, category string) *Cell {
	return ds.lookup.cells[[2]string{bank, category}]
}

// CategoriesIn returns the categories of one section, in dataset order.
func (ds *Dataset) CategoriesIn(section string) []*Category {
	var out []*Category
	for i := range ds.Categories {
		if ds.Categories[i].Section == section {
			out = append(out, &ds.Categories[i])
		}
	}
	return out
}
